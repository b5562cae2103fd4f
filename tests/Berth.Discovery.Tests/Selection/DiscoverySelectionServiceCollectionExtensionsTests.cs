using Berth.Core.Discovery;
using Berth.Discovery.Embedded;
using Berth.Discovery.Etcd;
using Berth.Discovery.Selection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Discovery.Tests.Selection;

public sealed class DiscoverySelectionServiceCollectionExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddBerthDiscovery_Defaults_EmbeddedBehindEveryInterface()
    {
        using var provider = new ServiceCollection().AddBerthDiscovery(new DiscoveryOptions()).BuildServiceProvider();

        var store = provider.GetRequiredService<IDiscoveryStore>();

        Assert.IsType<EmbeddedDiscoveryStore>(store);
        Assert.Same(store, provider.GetRequiredService<IDiscoveryLeases>());
        Assert.Same(store, provider.GetRequiredService<ILeaderElection>());
        Assert.NotNull(provider.GetRequiredService<ServiceRegistry>());
    }

    [Fact]
    public async Task AddBerthDiscovery_EtcdFromConfiguration_RegistersWorkingEtcdStore()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Discovery:Provider"] = "etcd",
                ["Discovery:Endpoints:0"] = "http://127.0.0.1:2379",
            })
            .Build();
        await using var provider = new ServiceCollection().AddBerthDiscovery(configuration).BuildServiceProvider();

        var store = provider.GetRequiredService<IDiscoveryStore>();
        var key = $"/caas/selection-{Guid.NewGuid():N}";
        var revision = await store.PutAsync(key, "x", Ct);

        Assert.IsType<EtcdDiscoveryStore>(store);
        Assert.Same(store, provider.GetRequiredService<IDiscoveryLeases>());
        Assert.Same(store, provider.GetRequiredService<ILeaderElection>());
        Assert.Equal(revision, (await store.GetPrefixAsync(key, Ct)).Entries.Single().Revision);
        Assert.True(await store.DeleteAsync(key, Ct));
    }

    [Fact]
    public void AddBerthDiscovery_UnknownProvider_ListsTheKnownOnes()
    {
        var error = Assert.Throws<OptionsValidationException>(
            () => new ServiceCollection().AddBerthDiscovery(new DiscoveryOptions { Provider = "consul" }));

        Assert.Contains("Discovery:Provider 'consul' is unknown; use one of: embedded, etcd, zookeeper.", error.Message);
    }

    [Fact]
    public void AddBerthDiscovery_EtcdWithoutEndpoints_SaysEndpointsAreNeeded()
    {
        var error = Assert.Throws<OptionsValidationException>(
            () => new ServiceCollection().AddBerthDiscovery(new DiscoveryOptions { Provider = "etcd" }));

        Assert.Contains("Discovery:Endpoints must list at least one address of the etcd servers", error.Message);
    }

    [Fact]
    public void AddBerthDiscovery_HalfCredentialsAndMissingFiles_ReportsEveryProblem()
    {
        var options = new DiscoveryOptions
        {
            Provider = "etcd",
            Endpoints = ["https://127.0.0.1:2479"],
            Username = "berth",
            CaFile = "/nonexistent/ca.crt",
            ClientCertFile = "/nonexistent/client.crt",
        };

        var error = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddBerthDiscovery(options));

        Assert.Contains("Discovery:Username and Discovery:Password go together", error.Message);
        Assert.Contains("Discovery:ClientCertFile and Discovery:ClientKeyFile go together", error.Message);
        Assert.Contains("Discovery:CaFile '/nonexistent/ca.crt' does not exist.", error.Message);
    }

    [Fact]
    public void AddBerthDiscovery_ZooKeeper_NotWiredYet()
    {
        var options = new DiscoveryOptions { Provider = "zookeeper", Endpoints = ["127.0.0.1:2181"] };

        var error = Assert.Throws<NotSupportedException>(() => new ServiceCollection().AddBerthDiscovery(options));

        Assert.Contains("'zookeeper' is not wired into Berth yet", error.Message);
    }

    [Fact]
    public void EtcdDiscoveryStore_MixedSchemes_ClearError()
    {
        var options = new DiscoveryOptions { Provider = "etcd", Endpoints = ["http://127.0.0.1:2379", "127.0.0.1:2479"] };

        var error = Assert.Throws<ArgumentException>(() => new EtcdDiscoveryStore(options));

        Assert.Contains("etcd endpoints must all be http://host:port or all https://host:port", error.Message);
    }
}
