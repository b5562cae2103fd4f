namespace Berth.Contracts;

/// <summary>
/// A custom domain; <see cref="Target"/> is the name to point it at by CNAME. A <c>pending</c> one routes nowhere
/// until <see cref="Verification"/> is in DNS and it is verified; a <c>verified</c> one routes to the app.
/// </summary>
public sealed record DomainView(string Domain, string AppId, string Target, DateTimeOffset CreatedAt, string Status, DomainVerificationView? Verification)
{
    public const string Pending = "pending";
    public const string Verified = "verified";
}
