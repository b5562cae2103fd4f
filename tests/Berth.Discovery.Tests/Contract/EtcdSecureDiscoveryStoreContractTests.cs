using Berth.Discovery.Etcd;
using Berth.Discovery.Selection;
using Berth.Discovery.Tests.Etcd;

namespace Berth.Discovery.Tests.Contract;

/// <summary>The contract on the secure etcd member (client TLS, auth), as the berth user whose role covers only /caas/.</summary>
public sealed class EtcdSecureDiscoveryStoreContractTests : EtcdDiscoveryStoreContractTests
{
    protected override DiscoveryOptions Options => EtcdTestServers.Secure("berth");

    /// <summary>Compaction is cluster-wide, so it takes root.</summary>
    protected override async Task<bool> TryCompactAsync(EtcdDiscoveryStore client, long revision)
    {
        using var root = new EtcdDiscoveryStore(EtcdTestServers.Secure("root"));
        await root.CompactAsync(revision, Ct);
        return true;
    }
}
