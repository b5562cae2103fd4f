using Berth.Discovery.Embedded;

namespace Berth.Discovery.Tests.Contract;

/// <summary>The contract on the in-process store. It has no separate clients: every "client" is the store itself.</summary>
public sealed class EmbeddedDiscoveryStoreContractTests : DiscoveryStoreContractTests<EmbeddedDiscoveryStore>
{
    protected override TimeSpan Ttl => TimeSpan.FromMilliseconds(500);

    protected override TimeSpan ExpirySlack => TimeSpan.FromSeconds(1);

    protected override Task<EmbeddedDiscoveryStore> ConnectAsync() => Task.FromResult(new EmbeddedDiscoveryStore());

    protected override Task<EmbeddedDiscoveryStore> ConnectToSameBackendAsync(EmbeddedDiscoveryStore client) => Task.FromResult(client);

    /// <summary>The owner "dies": the leases held now stop being kept alive (later ones, e.g. a successor's, are not affected).</summary>
    protected override Task KillAsync(EmbeddedDiscoveryStore client)
    {
        client.AbandonKeepAlives();
        return Task.CompletedTask;
    }

    /// <summary>The embedded store forgets the oldest changes once its history is full: fill it past the revision.</summary>
    protected override async Task<bool> TryCompactAsync(EmbeddedDiscoveryStore client, long revision)
    {
        while (client.Revision - revision < EmbeddedDiscoveryStore.DefaultHistoryLimit)
        {
            await client.PutAsync("/filler", "x", Ct);
        }

        return true;
    }

    protected override ValueTask ReleaseAsync(EmbeddedDiscoveryStore client) => ValueTask.CompletedTask;
}
