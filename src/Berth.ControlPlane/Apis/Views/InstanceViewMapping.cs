using Berth.Contracts;
using Berth.Core.Instances;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps an <see cref="Instance"/> onto its view.</summary>
public static class InstanceViewMapping
{
    extension(InstanceView)
    {
        public static InstanceView From(Instance i) => new(
            i.Id, i.ContainerId, i.Version, i.HostName, i.Address, WireNames.Of(i.State), WireNames.Of(i.Health), i.CreatedAt,
            i.RestartCount, i.LastRestartAt, i.NextRestartAt, i.UnhealthySince);
    }
}
