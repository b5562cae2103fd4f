using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;

namespace Berth.ControlPlane.Hosting;

/// <summary>
/// On start: registers the engine this server runs beside as a host, with the capacity the engine reports (keeping
/// the labels and drain flag an admin gave it), and readies the TLS settings of every remote engine already stored.
/// </summary>
public static class LocalHost
{
    public static async Task RegisterAsync(BerthOptions options, IStateStore store, IContainerRuntimeFactory runtimes, CancellationToken cancellationToken)
    {
        // Only the settings: a remote engine that cannot be reached must not keep this server from starting.
        foreach (var remote in (await store.ListHostUsageAsync(cancellationToken)).Select(u => u.Host))
        {
            if (remote.Tls is not null && runtimes is IEngineTlsSettings tls)
            {
                tls.Configure(remote.Engine, remote.Tls);
            }
        }

        var capacity = await runtimes.Get(options.LocalEngine).GetCapacityAsync(cancellationToken);
        var (start, end) = PortRange.Parse(options.LocalPortRange);
        var existing = await store.GetHostAsync(options.LocalHostName, cancellationToken);
        await store.UpsertHostAsync(new Host
        {
            Name = options.LocalHostName,
            Engine = options.LocalEngine,
            AdvertiseIp = options.LocalAdvertiseIp,
            PortRangeStart = start,
            PortRangeEnd = end,
            MemoryMb = capacity.MemoryMb,
            CpuShares = capacity.Cpus * 1024L * options.LocalCpuOvercommit,
            Labels = existing?.Labels ?? new Dictionary<string, string>(),
        }, cancellationToken);
    }
}
