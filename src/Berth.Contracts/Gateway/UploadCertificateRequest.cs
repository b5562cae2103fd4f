namespace Berth.Contracts;

/// <summary>
/// A tenant's own certificate for one of its app's verified domains: <see cref="Chain"/> is PEM, the certificate for
/// the domain first and its intermediates after it; <see cref="Key"/> is its private key in PEM (PKCS#8, EC or RSA).
/// </summary>
public sealed record UploadCertificateRequest(string Chain, string Key);
