namespace Berth.Core.Tenants;

/// <summary>Someone who owns apps. The admin is a tenant too, one that may act on everything.</summary>
public sealed record Tenant
{
    public const string AdminName = "admin";

    public required string Name { get; init; }
    /// <summary>SHA-256 of the bearer token, hex; the token itself is shown once and never stored.</summary>
    public required string TokenHash { get; init; }
    public bool IsAdmin { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
