using Berth.ControlPlane.Tests;

namespace Berth.Dashboard.Tests.Support;

/// <summary>The tokens a test signs in with.</summary>
public static class Tokens
{
    /// <summary>Creates a tenant and returns its first token.</summary>
    public static async Task<string> TenantAsync(BerthTestServer berth, string name) =>
        (await berth.TenantAsync(name)).DefaultRequestHeaders.Authorization?.Parameter
            ?? throw new InvalidOperationException("the tenant's client carries no token");

    public static string Admin(BerthTestServer berth) => File.ReadAllText(berth.Options.AdminTokenPath).Trim();
}
