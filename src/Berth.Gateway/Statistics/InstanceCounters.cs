namespace Berth.Gateway.Statistics;

/// <summary>The counters of one instance with what identifies it in reports.</summary>
internal sealed record InstanceCounters(string AppId, string Version, string Instance, string Address)
{
    /// <summary>The counters; shared by every route table that lists the instance.</summary>
    public TrafficCounters Counters { get; } = new();
}
