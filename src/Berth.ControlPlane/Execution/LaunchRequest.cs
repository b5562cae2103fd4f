using Berth.Core.Apps;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// What a decider asks the <see cref="PlanExecutor"/> to run: <see cref="Count"/> new instances of <see cref="App"/> at
/// <see cref="Version"/>. The app is the whole spec — image (<c>{registry}/{image or app id}:{version}</c>), port, memory, CPU
/// shares, environment, health check — and its <see cref="App.Placement"/> holds the rules the scheduler places by
/// (strategy, constraints, affinity, spread). For a global app <see cref="Count"/> is not used: one instance goes to
/// every eligible host that has none of the version yet.
/// </summary>
/// <param name="App">The spec and the placement rules.</param>
/// <param name="Version">The version to run; instances are registered in discovery under it.</param>
/// <param name="Count">How many new instances; zero asks for none (a global app's count is the scheduler's).</param>
/// <param name="DeploymentId">The deployment the instances belong to, as recorded on each of them.</param>
public sealed record LaunchRequest(App App, string Version, int Count, string DeploymentId)
{
    /// <summary>One instance on every eligible host that lacks one, rather than <see cref="Count"/>.</summary>
    public bool PerHost => App.Placement.Global;
}
