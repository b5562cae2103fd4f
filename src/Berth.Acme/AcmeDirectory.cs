namespace Berth.Acme;

/// <summary>The ACME server's directory (RFC 8555 §7.1.1): where each resource lives.</summary>
public sealed record AcmeDirectory(Uri NewNonce, Uri NewAccount, Uri NewOrder);
