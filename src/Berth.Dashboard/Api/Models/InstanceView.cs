namespace Berth.Dashboard.Api.Models;

/// <summary>One instance of an app; CPU and memory are the leader's last reading, null until read.</summary>
public sealed record InstanceView(
    string Id,
    string? ContainerId,
    string Version,
    string Host,
    string Address,
    string State,
    string Health,
    DateTimeOffset CreatedAt,
    int RestartCount,
    DateTimeOffset? NextRestartAt,
    DateTimeOffset? UnhealthySince,
    double? CpuPercent = null,
    long? MemoryUsedBytes = null,
    long? MemoryLimitBytes = null);
