namespace Berth.Acme;

/// <summary>The finalize payload: the CSR's DER, base64url (RFC 8555 §7.4).</summary>
internal sealed record AcmeFinalize(string Csr);
