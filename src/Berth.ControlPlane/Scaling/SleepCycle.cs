using System.Collections.Concurrent;
using System.Globalization;
using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Events;
using Berth.Core.Apps;
using Berth.Core.Discovery;
using Berth.Core.Events;
using Berth.Core.State;
using Berth.Discovery.Sleep;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// Scale to zero, on the leader: an idle app goes to sleep through a scale deployment to 0 (drained before stopped) and
/// a mark gateways watch (<see cref="SleepKeys.Sleeping"/>); a wake asked for by a gateway starts one instance through a
/// scale deployment of 1 (the executor's one launch path) and takes the mark away once it serves, or marks the failure
/// for the gateways to answer their held requests. Both are events.
/// </summary>
internal sealed partial class SleepCycle(
    IStateStore store,
    IAutoscaleStore policies,
    IDiscoveryStore discovery,
    ScaleDeployments deployments,
    DeploymentCoordinator coordinator,
    DeploymentRunner runner,
    AppEventRecorder events,
    TimeProvider time,
    ILogger<SleepCycle> logger) : IAppDeleteStep
{
    private readonly ConcurrentDictionary<string, byte> _waking = new(StringComparer.Ordinal);

    /// <summary>Retires every instance of the idle app and marks it sleeping; gateways hold its next request and ask for a wake.</summary>
    public async Task SleepAsync(App app, TimeSpan idle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The deployment first: the mark makes gateways hold requests, which they must not do while instances still serve
        // but ask for a wake that would run before the sleep.
        var deployment = await deployments.StartAsync(app, 0, cancellationToken);
        await discovery.PutAsync(SleepKeys.Sleeping(app.Id), SleepKeys.Asleep, cancellationToken);
        await events.RecordAsync(app.Id, AppEventType.Slept, string.Create(CultureInfo.InvariantCulture,
            $"no request for {idle.TotalSeconds:0} s: retiring its instances (deployment {deployment.Id}); the next request wakes it"));
    }

    /// <summary>
    /// Wakes the app if it sleeps: one instance through a scale deployment, run once every earlier operation on the app
    /// has ended (a sleep still draining included). A wake for an app that is already being woken is dropped: the
    /// gateways learn the outcome from the mark, not from their request.
    /// </summary>
    public async Task WakeAsync(string appId, string asker, CancellationToken cancellationToken)
    {
        if (!_waking.TryAdd(appId, 0))
        {
            return;
        }

        try
        {
            // Taken now: a gateway that asks again while this wake runs is answered by its outcome.
            await discovery.DeleteAsync(SleepKeys.Wake(appId), cancellationToken);
            var started = time.GetTimestamp();
            Deployment? wake = null;
            await coordinator.RunExclusiveAsync(appId, async token =>
            {
                if (await store.GetAppAsync(appId, token) is not { ActiveVersion: not null, Instances: 0, Deleting: false } app
                    || await policies.GetAutoscalePolicyAsync(appId, token) is not { Min: 0 })
                {
                    return;
                }

                wake = await deployments.CreateAsync(app, 1, token);
                await runner.RunAsync(appId, wake.Id, token);
            }, cancellationToken);

            if (wake is null)
            {
                // Awake already, deleted, or no longer allowed to sleep: nothing holds it asleep.
                await discovery.DeleteAsync(SleepKeys.Sleeping(appId), cancellationToken);
                return;
            }

            var ended = await store.GetDeploymentAsync(appId, wake.Id, cancellationToken);
            if (ended is { State: DeploymentState.Succeeded })
            {
                await discovery.DeleteAsync(SleepKeys.Sleeping(appId), cancellationToken);
                var took = time.GetElapsedTime(started).TotalMilliseconds;
                await events.RecordAsync(appId, AppEventType.Woken, string.Create(CultureInfo.InvariantCulture,
                    $"woken by a request ({asker}): one instance serving after {took:0} ms (deployment {wake.Id})"));
                return;
            }

            var reason = ended?.Reason ?? "the wake deployment vanished";
            await events.RecordAsync(appId, AppEventType.WakeFailed,
                $"waking on a request ({asker}) failed: {reason} (deployment {wake.Id}); its held requests got 503, the next request tries again");
            await discovery.PutAsync(SleepKeys.Sleeping(appId), SleepKeys.Failed(reason), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWakeFailed(logger, e, appId);
        }
        finally
        {
            _waking.TryRemove(appId, out _);
        }
    }

    /// <summary>Takes the sleeping mark away, for an app whose autoscaling was turned off (it is scaled to one instance).</summary>
    public Task ClearAsync(string appId, CancellationToken cancellationToken) =>
        discovery.DeleteAsync(SleepKeys.Sleeping(appId), cancellationToken);

    /// <summary>Puts back the mark of an app that sleeps without one (the leader stopped between the sleep and its mark).</summary>
    public async Task RestoreMarksAsync(CancellationToken cancellationToken)
    {
        var marked = (await discovery.GetPrefixAsync(SleepKeys.SleepingRoot, cancellationToken)).Entries
            .Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var policy in await policies.ListAutoscalePoliciesAsync(cancellationToken))
        {
            if (policy.Min == 0 && !marked.Contains(SleepKeys.Sleeping(policy.AppId))
                && await store.GetAppAsync(policy.AppId, cancellationToken) is { ActiveVersion: not null, Instances: 0, Deleting: false })
            {
                await discovery.PutAsync(SleepKeys.Sleeping(policy.AppId), SleepKeys.Asleep, cancellationToken);
            }
        }
    }

    public async Task AppDeletedAsync(string appId, CancellationToken cancellationToken)
    {
        await discovery.DeleteAsync(SleepKeys.Sleeping(appId), cancellationToken);
        await discovery.DeleteAsync(SleepKeys.Wake(appId), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking {AppId} failed unexpectedly")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string appId);
}
