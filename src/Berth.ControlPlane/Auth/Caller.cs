using System.Security.Claims;
using Berth.Core.Apps;

namespace Berth.ControlPlane.Auth;

/// <summary>The tenant behind a request.</summary>
internal sealed record Caller(string Tenant, bool IsAdmin)
{
    public const string AdminRole = "admin";
    /// <summary>The claim that marks a read-only token.</summary>
    public const string ReadOnlyClaim = "berth:read-only";
    /// <summary>The claim holding the id of the token used.</summary>
    public const string TokenIdClaim = "berth:token-id";

    /// <summary>True when the token may read but not change anything.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The id of the token the request came with.</summary>
    public string? TokenId { get; init; }

    public static Caller From(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("request is not authenticated"), user.IsInRole(AdminRole))
        {
            ReadOnly = user.HasClaim(c => c.Type == ReadOnlyClaim),
            TokenId = user.FindFirst(TokenIdClaim)?.Value,
        };

    /// <summary>Tenants see only their own apps; the admin sees all.</summary>
    public bool Owns(App app) => IsAdmin || app.Tenant == Tenant;
}
