using Berth.Core.Hosts;
using Berth.Core.State;

namespace Berth.ControlPlane.Health;

/// <summary>The hosts new instances may go to: every host but those marked down after missing their heartbeats.</summary>
public sealed class HostAvailability(IStateStore store, IHostStatusStore status)
{
    /// <summary>The scheduler's snapshot, without down hosts.</summary>
    public async Task<IReadOnlyList<HostUsage>> ListUpAsync(CancellationToken cancellationToken)
    {
        var down = await status.ListDownHostsAsync(cancellationToken);
        var hosts = await store.ListHostUsageAsync(cancellationToken);
        return down.Count == 0 ? hosts : hosts.Where(h => !down.ContainsKey(h.Host.Name)).ToList();
    }
}
