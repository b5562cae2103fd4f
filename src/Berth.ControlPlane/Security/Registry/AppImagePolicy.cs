using Berth.ControlPlane.Auth;
using Berth.Core.Apps;
using Berth.Core.State;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// Which images a new app may run. Its id may not be a base image's name (the app's repository is its tenant's
/// to push). With registry token authentication on, a tenant's app runs its own repository, another of its apps'
/// repositories, or a base image — never another tenant's image, which the control plane would otherwise pull
/// for it. With an open registry every image is open anyway, so only the first rule applies.
/// </summary>
public sealed class AppImagePolicy(IStateStore state, ISecurityStore security, RegistryTokenIssuer issuer)
{
    /// <summary>Why the app's id is not available, or null when it is.</summary>
    public async Task<string?> RefuseIdAsync(App app, CancellationToken cancellationToken) =>
        await security.IsBaseImageAsync(app.Id, cancellationToken) ? $"'{app.Id}' is the name of a base image; choose another app id" : null;

    /// <summary>Why the caller may not run the app's image, or null when it may.</summary>
    public async Task<string?> RefuseImageAsync(App app, Caller caller, CancellationToken cancellationToken)
    {
        if (!issuer.Enabled || caller.IsAdmin || app.Image is null || await security.IsBaseImageAsync(app.Image, cancellationToken))
        {
            return null;
        }

        return await state.GetAppAsync(app.Image, cancellationToken) is { } owner && owner.Tenant == caller.Tenant
            ? null
            : $"image '{app.Image}' is neither a base image nor the repository of one of your apps";
    }
}
