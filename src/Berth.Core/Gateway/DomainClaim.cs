namespace Berth.Core.Gateway;

/// <summary>
/// An app's claim to a custom domain not proven yet: it routes nowhere until a TXT record <c>_berth.{Domain}</c> holds
/// <see cref="Token"/>. Several apps may claim one domain; the first to prove it takes it.
/// </summary>
public sealed record DomainClaim(string Domain, string AppId, string Token, DateTimeOffset CreatedAt);
