using System.Collections.Concurrent;

using Berth.Core.Traffic;

namespace Berth.Gateway.Statistics;

/// <summary>
/// Every app's and instance's counters, kept across route table swaps (a table only points at them) and dropped an
/// hour after an app or instance left discovery and went quiet.
/// </summary>
internal sealed partial class GatewayStatistics(TimeProvider time)
{
    private const long RetentionSeconds = 3600 + 60;

    private readonly ConcurrentDictionary<string, TrafficCounters> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InstanceCounters> _instances = new(StringComparer.Ordinal);

    /// <summary>The current second on the monotonic clock that stamps counter slots.</summary>
    public long NowSecond => SecondOf(time.GetTimestamp());

    /// <summary>The second of a timestamp of the gateway's clock, for a caller that read the clock already.</summary>
    public long SecondOf(long timestamp) => timestamp / time.TimestampFrequency;

    /// <summary>Every app's counters, by app id.</summary>
    public IEnumerable<KeyValuePair<string, TrafficCounters>> Apps => _apps;

    /// <summary>Every instance's counters.</summary>
    public IEnumerable<InstanceCounters> Instances => _instances.Values;

    /// <summary>The app's counters, created on first use.</summary>
    public TrafficCounters ForApp(string appId) => _apps.GetOrAdd(appId, static _ => new TrafficCounters());

    /// <summary>The counters of the instance registered at discovery key <paramref name="key"/>, created on first use.</summary>
    public InstanceCounters ForInstance(string key, string appId, string version, string instance, string address)
    {
        var wanted = new InstanceCounters(appId, version, instance, address);
        return _instances.AddOrUpdate(key, wanted, (_, existing) => existing.AppId == appId && existing.Version == version
            && existing.Instance == instance && existing.Address == address ? existing : wanted);
    }

    /// <summary>The app's traffic over the window, in total and per instance.</summary>
    public TrafficReport Report(string appId, TrafficWindow window)
    {
        var now = NowSecond;
        var total = new long[CounterSlot.Size];
        if (_apps.TryGetValue(appId, out var counters))
        {
            counters.AddWindow(window, now, total);
        }

        var instances = new List<InstanceTraffic>();
        foreach (var instance in _instances.Values.Where(i => i.AppId == appId))
        {
            var slot = new long[CounterSlot.Size];
            instance.Counters.AddWindow(window, now, slot);
            if (slot[CounterSlot.Requests] > 0)
            {
                instances.Add(new InstanceTraffic(instance.Instance, instance.Version, instance.Address, CounterSlot.Totals(slot)));
            }
        }

        return new TrafficReport(appId, window.Name(), 1, CounterSlot.Totals(total), [.. instances.OrderBy(i => i.Instance, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The app's traffic over the <paramref name="seconds"/> whole seconds before this one (window <c>recent</c>, without
    /// instances): what an autoscaler reads to see a rate and a p99 that follow the load closely.
    /// </summary>
    public TrafficReport Recent(string appId, int seconds)
    {
        var total = new long[CounterSlot.Size];
        if (_apps.TryGetValue(appId, out var counters))
        {
            counters.AddRecent(NowSecond, seconds, total);
        }

        return new TrafficReport(appId, TrafficReport.RecentWindow, 1, CounterSlot.Totals(total), []);
    }

    /// <summary>Drops counters of apps and instances no longer routed and idle for longer than the longest window.</summary>
    public void Prune(IReadOnlySet<string> liveApps, IReadOnlySet<string> liveInstanceKeys)
    {
        var cutoff = NowSecond - RetentionSeconds;
        foreach (var (appId, counters) in _apps)
        {
            if (!liveApps.Contains(appId) && counters.LastActivitySecond < cutoff)
            {
                _apps.TryRemove(appId, out _);
            }
        }

        foreach (var (key, instance) in _instances)
        {
            if (!liveInstanceKeys.Contains(key) && instance.Counters.LastActivitySecond < cutoff)
            {
                _instances.TryRemove(key, out _);
            }
        }
    }
}
