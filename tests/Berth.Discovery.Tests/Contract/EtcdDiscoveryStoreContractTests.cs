using Berth.Discovery.Etcd;
using Berth.Discovery.Selection;
using Berth.Discovery.Tests.Etcd;

namespace Berth.Discovery.Tests.Contract;

/// <summary>The contract on the real plain etcd started by scripts/start-etcd.sh; every client is its own connection.</summary>
public class EtcdDiscoveryStoreContractTests : DiscoveryStoreContractTests<EtcdDiscoveryStore>
{
    /// <summary>Where and as whom the clients connect.</summary>
    protected virtual DiscoveryOptions Options => EtcdTestServers.Plain();

    protected override Task<EtcdDiscoveryStore> ConnectAsync() => Task.FromResult(new EtcdDiscoveryStore(Options));

    protected override Task<EtcdDiscoveryStore> ConnectToSameBackendAsync(EtcdDiscoveryStore client) => ConnectAsync();

    /// <summary>Closing the connection without revoking anything is what a crashed process does.</summary>
    protected override Task KillAsync(EtcdDiscoveryStore client)
    {
        client.Dispose();
        return Task.CompletedTask;
    }

    protected override async Task<bool> TryCompactAsync(EtcdDiscoveryStore client, long revision)
    {
        await client.CompactAsync(revision, Ct);
        return true;
    }

    protected override ValueTask ReleaseAsync(EtcdDiscoveryStore client)
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
