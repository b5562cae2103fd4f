using Berth.ControlPlane.Auth;
using Berth.Core.State;
using Berth.Core.Tenants;

namespace Berth.ControlPlane.Hosting;

/// <summary>Creates the admin tenant on first start and leaves its token in a file only root can read.</summary>
public static class AdminToken
{
    /// <summary>Returns true when a new token was written to <paramref name="path"/>.</summary>
    public static async Task<bool> EnsureAsync(IStateStore store, string path, TimeProvider time, CancellationToken cancellationToken)
    {
        var admin = await store.GetTenantAsync(Tenant.AdminName, cancellationToken);
        if (admin is not null)
        {
            return false;
        }

        var token = Tokens.New();
        await store.CreateTenantAsync(
            new Tenant { Name = Tenant.AdminName, TokenHash = Tokens.Hash(token), IsAdmin = true, CreatedAt = time.GetUtcNow() }, cancellationToken);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync(token);
        return true;
    }
}
