using Berth.Core.Hosts;

namespace Berth.Scheduling.Placement;

/// <summary>
/// The hosts as the scheduler sees them at one moment: capacity, reservations and version of each, and how many
/// instances of the apps that matter run where. Immutable; a plan made from it is committed only while the
/// versions still hold.
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<(string Host, string App), List<HostAppInstances>> _instances;

    public ClusterSnapshot(IReadOnlyList<HostUsage> hosts, IReadOnlyList<HostAppInstances> instances)
    {
        Hosts = hosts;
        _instances = instances.GroupBy(i => (i.HostName, i.AppId)).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>Every host with its reservations, in a stable order.</summary>
    public IReadOnlyList<HostUsage> Hosts { get; }

    /// <summary>How many instances of <paramref name="appId"/> (of <paramref name="version"/>, or of any version when null) run on the host.</summary>
    public int Count(string host, string appId, string? version = null) =>
        _instances.TryGetValue((host, appId), out var counts)
            ? counts.Where(c => version is null || c.Version == version).Sum(c => c.Count)
            : 0;
}
