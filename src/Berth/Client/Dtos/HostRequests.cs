namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/hosts</c>.</summary>
internal sealed record CreateHostRequest(
    string Name, string Engine, EngineTlsRequest? Tls, string AdvertiseIp, IReadOnlyDictionary<string, string> Labels, string? PortRange);

/// <summary>PEM files on the server for a <c>tcp://</c> engine with mutual TLS.</summary>
internal sealed record EngineTlsRequest(string CaFile, string CertFile, string KeyFile);

/// <summary>The body of <c>PATCH /v1/hosts/{name}</c>: labels replace all of the host's; null leaves a field as it is.</summary>
internal sealed record UpdateHostRequest(IReadOnlyDictionary<string, string>? Labels, bool? Drain);
