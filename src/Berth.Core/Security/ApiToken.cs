namespace Berth.Core.Security;

/// <summary>One bearer token of a tenant. Only its hash is stored: the token itself is shown once, when it is made.</summary>
public sealed record ApiToken
{
    /// <summary>A short public handle, to list and revoke the token without knowing it.</summary>
    public required string Id { get; init; }
    public required string Tenant { get; init; }
    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; init; }
    public TokenScope Scope { get; init; } = TokenScope.Tenant;
    /// <summary>What the owner uses it for, e.g. "ci"; may be empty.</summary>
    public string Description { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When it stopped working, or null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
