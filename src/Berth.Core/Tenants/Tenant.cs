namespace Berth.Core.Tenants;

/// <summary>Someone who owns apps. The admin is a tenant too, one that may act on everything.</summary>
public sealed record Tenant
{
    public const string AdminName = "admin";

    public required string Name { get; init; }
    /// <summary>
    /// SHA-256 of the tenant's first bearer token, hex. Authentication goes by the tenant's API tokens
    /// (<see cref="State.ISecurityStore"/>), which can be several and revoked; this one is kept as it was made.
    /// </summary>
    public required string TokenHash { get; init; }
    public bool IsAdmin { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
