namespace Berth.Contracts;

/// <summary>
/// An instance; <see cref="State"/> is e.g. <c>starting</c> or <c>running</c>, <see cref="Health"/> e.g. <c>healthy</c>.
/// A crash-looping one shows its restarts so far and when the next one is due. CPU (100 is one CPU busy) and memory
/// are the leader's last reading of the engine's stats: null until read, and for an instance that does not run.
/// </summary>
public sealed record InstanceView(
    string Id, string? ContainerId, string Version, string Host, string Address, string State, string Health, DateTimeOffset CreatedAt,
    int RestartCount = 0, DateTimeOffset? LastRestartAt = null, DateTimeOffset? NextRestartAt = null, DateTimeOffset? UnhealthySince = null,
    double? CpuPercent = null, long? MemoryUsedBytes = null, long? MemoryLimitBytes = null);
