using Berth.Core.Apps;
using Berth.Core.State;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// Which repository names an app may take and which images it may run. An app's id is its tenant's repository
/// for good: the name stays reserved to the tenant after the app is deleted, so no other tenant can take it and
/// list, pull or replace what was pushed under it; and it may not be a base image's name. With registry token
/// authentication on, an app runs its own repository, another repository of its tenant, or a base image — never
/// another tenant's image, which the control plane would otherwise pull (or find cached on an engine) and run
/// for it. This is checked when the app is created and again before every instance starts, because what was
/// allowed at creation may not be any more. With an open registry every image is open anyway.
/// </summary>
public sealed class AppImagePolicy(IStateStore state, ISecurityStore security, RegistryTokenIssuer issuer, TimeProvider time)
{
    /// <summary>Reserves the app's id as its tenant's repository; says why it cannot, or null when it is the tenant's now.</summary>
    public async Task<string?> ReserveIdAsync(App app, CancellationToken cancellationToken)
    {
        if (await security.IsBaseImageAsync(app.Id, cancellationToken))
        {
            return $"'{app.Id}' is the name of a base image; choose another app id";
        }

        var owner = await security.ReserveRepositoryAsync(app.Id, app.Tenant, time.GetUtcNow(), cancellationToken);
        return owner == app.Tenant ? null : $"'{app.Id}' is a registry repository name another tenant has used and keeps; choose another app id";
    }

    /// <summary>Why the app's tenant may not run the app's image, or null when it may.</summary>
    public async Task<string?> RefuseImageAsync(App app, CancellationToken cancellationToken)
    {
        var repository = app.Image ?? app.Id;
        if (!issuer.Enabled
            || await security.IsBaseImageAsync(repository, cancellationToken)
            || await security.GetRepositoryOwnerAsync(repository, cancellationToken) == app.Tenant
            || await state.GetTenantAsync(app.Tenant, cancellationToken) is { IsAdmin: true })
        {
            return null;
        }

        return $"image '{repository}' is neither a base image nor a repository of tenant '{app.Tenant}'";
    }
}
