using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;

namespace Berth.ControlPlane.Hosting;

/// <summary>Registers the engine this server runs beside as a host, with the capacity the engine reports.</summary>
public static class LocalHost
{
    public static async Task RegisterAsync(BerthOptions options, IStateStore store, IContainerRuntimeFactory runtimes, CancellationToken cancellationToken)
    {
        var capacity = await runtimes.Get(options.LocalEngine).GetCapacityAsync(cancellationToken);
        var (start, end) = PortRange.Parse(options.LocalPortRange);
        await store.UpsertHostAsync(new Host
        {
            Name = options.LocalHostName,
            Engine = options.LocalEngine,
            AdvertiseIp = options.LocalAdvertiseIp,
            PortRangeStart = start,
            PortRangeEnd = end,
            MemoryMb = capacity.MemoryMb,
            CpuShares = capacity.Cpus * 1024L * options.LocalCpuOvercommit,
        }, cancellationToken);
    }
}
