using Berth.Core.Instances;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>An instance; a crash-looping one shows its restarts so far and when the next one is due.</summary>
public sealed record InstanceView(
    string Id, string? ContainerId, string Version, string Host, string Address, InstanceState State, InstanceHealth Health, DateTimeOffset CreatedAt,
    int RestartCount = 0, DateTimeOffset? LastRestartAt = null, DateTimeOffset? NextRestartAt = null, DateTimeOffset? UnhealthySince = null)
{
    public static InstanceView From(Instance i) => new(
        i.Id, i.ContainerId, i.Version, i.HostName, i.Address, i.State, i.Health, i.CreatedAt, i.RestartCount, i.LastRestartAt, i.NextRestartAt, i.UnhealthySince);
}
