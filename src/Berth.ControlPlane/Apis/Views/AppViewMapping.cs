using Berth.Contracts;
using Berth.Core.Apps;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps an <see cref="App"/> onto its view.</summary>
internal static class AppViewMapping
{
    extension(AppView)
    {
        public static AppView From(App app) => new(
            app.Id, app.Tenant, app.Image ?? app.Id, app.Port, app.MemoryMb, app.CpuShares, app.Env, HealthCheckOf(app.HealthCheck), WireNames.Of(app.OnFailure),
            app.DrainSeconds, app.ActiveVersion, app.PreviousVersion, app.Instances, app.CreatedAt,
            app.ReadOnlyRootFilesystem)
        {
            Strategy = app.Placement.Strategy,
            Constraints = app.Placement.Constraints,
            Affinity = app.Placement.AffinityWith is { } with ? new AffinityRequest(with) : null,
            Spread = app.Placement.Spread == SpreadMode.None ? null : "host",
            SpreadMode = app.Placement.Spread == SpreadMode.None ? null : app.Placement.Spread.ToString().ToLowerInvariant(),
            Global = app.Placement.Global,
            CanaryVersion = app.CanaryVersion,
            CanaryInstances = app.CanaryInstances,
        };
    }

    private static HealthCheckView HealthCheckOf(HealthCheckSpec check) =>
        new(check.Path, check.IntervalSeconds, check.TimeoutSeconds, check.Retries, check.StartSeconds);
}
