using Berth.Core.Instances;
using Berth.Core.Runtime;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>
/// An instance; a crash-looping one shows its restarts so far and when the next one is due. CPU and memory are the
/// leader's last reading of the engine's stats (null until read, and for an instance that does not run).
/// </summary>
public sealed record InstanceView(
    string Id, string? ContainerId, string Version, string Host, string Address, InstanceState State, InstanceHealth Health, DateTimeOffset CreatedAt,
    int RestartCount = 0, DateTimeOffset? LastRestartAt = null, DateTimeOffset? NextRestartAt = null, DateTimeOffset? UnhealthySince = null,
    double? CpuPercent = null, long? MemoryUsedBytes = null, long? MemoryLimitBytes = null)
{
    public static InstanceView From(Instance i, ContainerUsage? usage) => new(
        i.Id, i.ContainerId, i.Version, i.HostName, i.Address, i.State, i.Health, i.CreatedAt, i.RestartCount, i.LastRestartAt, i.NextRestartAt, i.UnhealthySince,
        usage is null ? null : Math.Round(usage.CpuPercent, 2), usage?.MemoryUsedBytes, usage?.MemoryLimitBytes);
}
