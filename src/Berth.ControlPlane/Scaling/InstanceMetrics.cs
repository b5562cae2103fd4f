using System.Collections.Frozen;
using Berth.Core.Runtime;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// The last resource use read for each running instance, so API calls and the autoscaler never ask an engine
/// themselves. <see cref="MetricsSampler"/> swaps the whole table in after each round.
/// </summary>
internal sealed class InstanceMetrics
{
    private FrozenDictionary<string, InstanceReading> _readings = FrozenDictionary<string, InstanceReading>.Empty;

    /// <summary>When the table was last filled; null before the first round.</summary>
    public DateTimeOffset? SampledAt { get; private set; }

    /// <summary>Every instance's last reading.</summary>
    public IEnumerable<InstanceReading> All => Volatile.Read(ref _readings).Values;

    /// <summary>The instance's last usage; null when it has not been read (not running, or not yet sampled).</summary>
    public ContainerUsage? For(string instanceId) => Volatile.Read(ref _readings).GetValueOrDefault(instanceId)?.Usage;

    /// <summary>Replaces the table with one round's readings.</summary>
    public void Replace(IEnumerable<InstanceReading> round, DateTimeOffset at)
    {
        Volatile.Write(ref _readings, round.ToFrozenDictionary(r => r.InstanceId));
        SampledAt = at;
    }
}
