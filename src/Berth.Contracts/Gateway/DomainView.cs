namespace Berth.Contracts;

/// <summary>
/// A custom domain; <see cref="Target"/> is the name to point it at by CNAME. A <c>pending</c> one routes nowhere
/// until <see cref="Verification"/> is in DNS and it is verified; a <c>verified</c> one routes to the app.
/// <see cref="Certificate"/> is the certificate its HTTPS is served with, when one is stored.
/// </summary>
public sealed record DomainView(string Domain, string AppId, string Target, DateTimeOffset CreatedAt, string Status, DomainVerificationView? Verification)
{
    /// <summary>The stored certificate for the domain; null when none (the gateways' local authority serves it).</summary>
    public CertificateView? Certificate { get; init; }

    public const string Pending = "pending";
    public const string Verified = "verified";
}
