namespace Berth.Contracts;

/// <summary>The body of <c>POST /v1/hosts</c>: an engine to place on. Capacity is read from the engine itself.</summary>
public sealed record CreateHostRequest(
    string? Name,
    string? Engine,
    EngineTlsRequest? Tls,
    string? AdvertiseIp,
    IReadOnlyDictionary<string, string>? Labels,
    string? PortRange);
