namespace Berth.Dashboard.Api.Models;

/// <summary>A custom domain; <see cref="Target"/> is the name to point it at by CNAME; a pending one routes once <see cref="Verification"/> is in DNS and verified.</summary>
public sealed record DomainView(string Domain, string AppId, string Target, DateTimeOffset CreatedAt, string? Status, DomainVerificationView? Verification);
