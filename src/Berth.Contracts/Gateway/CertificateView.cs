namespace Berth.Contracts;

/// <summary>
/// The certificate the gateways serve for a domain: who issued it, the names it covers, when it expires, and where it
/// came from (<c>acme</c>, issued and renewed by Berth; <c>upload</c>, the tenant's own). <see cref="RenewAt"/> is when
/// Berth renews an ACME one (null for uploads). Its private key is never shown.
/// </summary>
public sealed record CertificateView(
    string Domain, string Source, string Issuer, IReadOnlyList<string> Names, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset? RenewAt)
{
    public const string Acme = "acme";
    public const string Upload = "upload";
}
