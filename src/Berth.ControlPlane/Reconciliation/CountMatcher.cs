using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Health;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.State;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>
/// Decides how many instances of each version an app is short or has too many, and hands that to the executor:
/// exactly <see cref="App.Instances"/> of the active version and <see cref="App.CanaryInstances"/> of the canary.
/// An app whose launches keep failing is tried again after a growing back-off.
/// </summary>
public sealed class CountMatcher(IStateStore store, PlanExecutor executor, AppEventRecorder events, IOptions<BerthOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore)> _launchBackoff = [];

    /// <summary>Other versions and surplus retire; with <paramref name="launch"/>, what is short starts.</summary>
    public async Task MatchAsync(App app, bool launch, CancellationToken cancellationToken)
    {
        var instances = await store.ListInstancesAsync(app.Id, cancellationToken);
        var stray = instances.Where(i => i.Version != app.ActiveVersion && i.Version != app.CanaryVersion).ToList();
        var current = ServingFirst(instances.Where(i => i.Version == app.ActiveVersion));
        var canaries = ServingFirst(instances.Where(i => app.CanaryVersion is not null && i.Version == app.CanaryVersion));
        // A global app runs one instance per eligible host: its count is the scheduler's, through reconciling deployments.
        var wanted = app.ActiveVersion is null ? 0 : app.Placement.Global ? current.Count : app.Instances;
        var wantedCanaries = app.CanaryVersion is null ? 0 : app.CanaryInstances;
        var surplus = stray.Concat(current.Skip(wanted)).Concat(canaries.Skip(wantedCanaries)).ToList();
        if (surplus.Count > 0)
        {
            await executor.RetireAsync(surplus, TimeSpan.Zero, cancellationToken);
            var canary = app.CanaryVersion is null ? "" : $" and the {wantedCanaries} of its canary {app.CanaryVersion}";
            await events.RecordAsync(app.Id, AppEventType.Reconciled,
                $"retired {surplus.Count} instance(s) beyond the {wanted} of {app.ActiveVersion ?? "no version"}{canary} the app wants: {string.Join(", ", surplus.Select(i => $"{i.Id} ({i.Version})"))}");
        }

        if (!launch || _launchBackoff.TryGetValue(app.Id, out var backoff) && backoff.NotBefore > time.GetUtcNow())
        {
            return;
        }

        if (app.ActiveVersion is { } version && await LaunchMissingAsync(app, version, wanted - Math.Min(current.Count, wanted), wanted, cancellationToken)
            && app.CanaryVersion is { } canaryVersion)
        {
            await LaunchMissingAsync(app, canaryVersion, wantedCanaries - Math.Min(canaries.Count, wantedCanaries), wantedCanaries, cancellationToken);
        }
    }

    /// <summary>Running, not unhealthy instances first, oldest first: the ones kept when there are too many.</summary>
    private static List<Instance> ServingFirst(IEnumerable<Instance> instances) =>
        [.. instances.OrderBy(i => i.State == InstanceState.Running && i.Health != InstanceHealth.Unhealthy ? 0 : 1).ThenBy(i => i.CreatedAt)];

    /// <summary>Starts <paramref name="missing"/> instances of the version, one apply each; false (and a back-off) when one fails.</summary>
    private async Task<bool> LaunchMissingAsync(App app, string version, int missing, int wanted, CancellationToken cancellationToken)
    {
        if (missing == 0)
        {
            return true;
        }

        var deploymentId = (await store.ListDeploymentsAsync(app.Id, cancellationToken)).FirstOrDefault(d => d.Version == version)?.Id ?? "reconciler";
        for (var i = 0; i < missing; i++)
        {
            try
            {
                await executor.ApplyAsync(new LaunchRequest(app, version, 1, deploymentId), cancellationToken);
                _launchBackoff.Remove(app.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failures = _launchBackoff.GetValueOrDefault(app.Id).Failures + 1;
                var wait = RestartBackoff.Delay(failures, options.Value.Healing.RestartBackoff, options.Value.Healing.MaxRestartBackoff);
                _launchBackoff[app.Id] = (failures, time.GetUtcNow() + wait);
                await events.RecordAsync(app.Id, AppEventType.LaunchFailed,
                    $"could not start a missing instance of {version} ({missing - i} short of {wanted}): {e.Message}; next try in {wait.TotalSeconds:0.#} s");
                return false;
            }
        }

        return true;
    }
}
