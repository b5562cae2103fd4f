namespace Berth.Contracts;

/// <summary>PEM files on the control plane's machine for a <c>tcp://</c> engine with mutual TLS.</summary>
public sealed record EngineTlsRequest(string? CaFile, string? CertFile, string? KeyFile);
