using Berth.ControlPlane.Security.ApiTokens;
using Berth.Core.Security;
using Berth.Core.State;
using Berth.Core.Tenants;

namespace Berth.ControlPlane.Hosting;

/// <summary>Creates the admin tenant on first start and leaves its token in a file only root can read.</summary>
public static class AdminToken
{
    /// <summary>Returns true when a new token was written to <paramref name="path"/>.</summary>
    public static async Task<bool> EnsureAsync(IStateStore store, ISecurityStore security, string path, TimeProvider time, CancellationToken cancellationToken)
    {
        var admin = await store.GetTenantAsync(Tenant.AdminName, cancellationToken);
        if (admin is not null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var (token, secret) = ApiTokenService.Make(Tenant.AdminName, TokenScope.Admin, "first token", now);
        await store.CreateTenantAsync(new Tenant { Name = Tenant.AdminName, TokenHash = token.TokenHash, IsAdmin = true, CreatedAt = now }, cancellationToken);
        await security.CreateTokenAsync(token, cancellationToken);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync(secret);
        return true;
    }
}
