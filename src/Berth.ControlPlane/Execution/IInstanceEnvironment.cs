using Berth.Core.Apps;
using Berth.Core.Instances;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// Variables a part of Berth adds to a new container's environment beside the app's own and its config (a service
/// binding's address and credentials, which depend on the host the instance landed on).
/// </summary>
public interface IInstanceEnvironment
{
    /// <summary>The variables for this instance of the app; empty when there are none.</summary>
    Task<IReadOnlyDictionary<string, string>> ForAsync(App app, Instance instance, CancellationToken cancellationToken);
}
