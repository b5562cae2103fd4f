using Berth.Contracts;
using Berth.Core.Instances;
using Berth.Core.Runtime;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps an <see cref="Instance"/> and its last resource reading onto its view.</summary>
internal static class InstanceViewMapping
{
    extension(InstanceView)
    {
        public static InstanceView From(Instance i, ContainerUsage? usage) => new(
            i.Id, i.ContainerId, i.Version, i.HostName, i.Address, WireNames.Of(i.State), WireNames.Of(i.Health), i.CreatedAt,
            i.RestartCount, i.LastRestartAt, i.NextRestartAt, i.UnhealthySince,
            usage is null ? null : Math.Round(usage.CpuPercent, 2), usage?.MemoryUsedBytes, usage?.MemoryLimitBytes);
    }
}
