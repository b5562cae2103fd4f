using Berth.Core.Instances;

namespace Berth.ControlPlane.Apis.Dtos;

public sealed record InstanceView(
    string Id, string? ContainerId, string Version, string Host, string Address, InstanceState State, InstanceHealth Health, DateTimeOffset CreatedAt)
{
    public static InstanceView From(Instance i) => new(i.Id, i.ContainerId, i.Version, i.HostName, i.Address, i.State, i.Health, i.CreatedAt);
}
