namespace Berth.Core.Hosts;

/// <summary>PEM files for a remote engine's mutual TLS: the CA that signed the engine, and Berth's client certificate and key.</summary>
public sealed record EngineTls(string CaFile, string CertFile, string KeyFile);
