namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>The body of <c>POST /v1/hosts</c>: an engine to place on. Capacity is read from the engine itself.</summary>
public sealed record CreateHostRequest(
    string? Name,
    string? Engine,
    EngineTlsRequest? Tls,
    string? AdvertiseIp,
    Dictionary<string, string>? Labels,
    string? PortRange);

/// <summary>PEM files on the control plane's machine for a <c>tcp://</c> engine with mutual TLS.</summary>
public sealed record EngineTlsRequest(string? CaFile, string? CertFile, string? KeyFile);
