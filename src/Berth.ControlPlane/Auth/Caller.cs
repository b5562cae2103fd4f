using System.Security.Claims;
using Berth.Core.Apps;

namespace Berth.ControlPlane.Auth;

/// <summary>The tenant behind a request.</summary>
public sealed record Caller(string Tenant, bool IsAdmin)
{
    public const string AdminRole = "admin";

    public static Caller From(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("request is not authenticated"), user.IsInRole(AdminRole));

    /// <summary>Tenants see only their own apps; the admin sees all.</summary>
    public bool Owns(App app) => IsAdmin || app.Tenant == Tenant;
}
