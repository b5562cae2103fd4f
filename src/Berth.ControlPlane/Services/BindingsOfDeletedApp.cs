using Berth.ControlPlane.Deployments;

namespace Berth.ControlPlane.Services;

/// <summary>Deleting an app drops its bindings and their users.</summary>
internal sealed class BindingsOfDeletedApp(ServiceBindings bindings) : IAppDeleteStep
{
    public Task AppDeletedAsync(string appId, CancellationToken cancellationToken) => bindings.DropForAppAsync(appId, cancellationToken);
}
