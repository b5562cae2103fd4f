namespace Berth.Contracts;

/// <summary>
/// An instance; <see cref="State"/> is e.g. <c>starting</c> or <c>running</c>, <see cref="Health"/> e.g. <c>healthy</c>.
/// A crash-looping one shows its restarts so far and when the next one is due.
/// </summary>
public sealed record InstanceView(
    string Id, string? ContainerId, string Version, string Host, string Address, string State, string Health, DateTimeOffset CreatedAt,
    int RestartCount = 0, DateTimeOffset? LastRestartAt = null, DateTimeOffset? NextRestartAt = null, DateTimeOffset? UnhealthySince = null);
