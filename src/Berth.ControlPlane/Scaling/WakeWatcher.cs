using Berth.ControlPlane.Reconciliation;
using Berth.Core.Discovery;
using Berth.Discovery.Sleep;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// The leader's side of the wake signal: every <c>/caas/wake/{appId}</c> a gateway writes (those written while no one led
/// included) becomes a <see cref="SleepCycle.WakeAsync"/>. Gateways only ask; this is the one place a wake is acted on.
/// </summary>
internal sealed class WakeWatcher(IDiscoveryStore discovery, SleepCycle sleep) : ILeaderWork
{
    public string Name => "wake watcher";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await sleep.RestoreMarksAsync(cancellationToken);
        var asked = await discovery.GetPrefixAsync(SleepKeys.WakeRoot, cancellationToken);
        foreach (var entry in asked.Entries)
        {
            Start(entry.Key, entry.Value, cancellationToken);
        }

        await foreach (var change in discovery.WatchAsync(SleepKeys.WakeRoot, asked.Revision, cancellationToken))
        {
            if (change.Type == DiscoveryEventType.Put)
            {
                Start(change.Key, change.Value ?? "", cancellationToken);
            }
        }

        throw new InvalidOperationException($"The discovery watch on {SleepKeys.WakeRoot} ended.");
    }

    /// <summary>Wakes in the background: one app's wake never waits for another's.</summary>
    private void Start(string key, string asker, CancellationToken cancellationToken)
    {
        if (SleepKeys.TryParse(key, SleepKeys.WakeRoot, out var appId))
        {
            _ = Task.Run(() => sleep.WakeAsync(appId, asker, cancellationToken), CancellationToken.None);
        }
    }
}
