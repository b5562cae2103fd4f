using Berth.Discovery.Embedded;
using Berth.Discovery.Etcd;
using Berth.Discovery.Selection;
using Berth.Discovery.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Berth.Discovery.Tests.Selection;

public sealed class DiscoveryBackendTests : IDisposable
{
    private readonly string _journal = Path.Combine(Path.GetTempPath(), $"berth-backend-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<DiscoveryBackend> OpenAsync(DiscoveryOptions options) => DiscoveryBackend.OpenAsync(options, _journal, NullLoggerFactory.Instance, Ct);

    [Fact]
    public async Task OpenAsync_Defaults_JournaledEmbeddedStore()
    {
        await using var backend = await OpenAsync(new DiscoveryOptions());

        Assert.IsType<DiscoveryJournal>(backend.Store);
        Assert.IsType<EmbeddedDiscoveryStore>(backend.Leases);
        Assert.True(backend.IsLocal);
        Assert.True(File.Exists(_journal));
    }

    [Theory]
    [InlineData("etcd", "http://127.0.0.1:2379", typeof(EtcdDiscoveryStore))]
    [InlineData("zookeeper", "127.0.0.1:2181", typeof(ZooKeeperDiscoveryStore))]
    public async Task OpenAsync_DistributedProvider_WorkingStoreBehindEveryInterface(string provider, string endpoint, Type expected)
    {
        await using var backend = await OpenAsync(new DiscoveryOptions { Provider = provider, Endpoints = [endpoint] });
        var key = $"/caas/selection-{Guid.NewGuid():N}";

        var revision = await backend.Store.PutAsync(key, "x", Ct);

        Assert.IsType(expected, backend.Store);
        Assert.Same(backend.Store, backend.Leases);
        Assert.Same(backend.Store, backend.Election);
        Assert.False(backend.IsLocal);
        Assert.Equal(revision, (await backend.Store.GetPrefixAsync(key, Ct)).Entries.Single().Revision);
        Assert.True(await backend.Store.DeleteAsync(key, Ct));
    }

    [Fact]
    public async Task OpenAsync_UnknownProvider_ListsTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => OpenAsync(new DiscoveryOptions { Provider = "consul" }));

        Assert.Contains("Discovery:Provider 'consul' is unknown; use one of: embedded, etcd, zookeeper.", error.Message);
    }

    [Fact]
    public async Task OpenAsync_EtcdWithoutEndpoints_SaysEndpointsAreNeeded()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => OpenAsync(new DiscoveryOptions { Provider = "etcd" }));

        Assert.Contains("Discovery:Endpoints must list at least one address of the etcd servers", error.Message);
    }

    [Fact]
    public async Task OpenAsync_HalfCredentialsAndMissingFiles_ReportsEveryProblem()
    {
        var options = new DiscoveryOptions
        {
            Provider = "etcd",
            Endpoints = ["https://127.0.0.1:2479"],
            Username = "berth",
            CaFile = "/nonexistent/ca.crt",
            ClientCertFile = "/nonexistent/client.crt",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => OpenAsync(options));

        Assert.Contains("Discovery:Username and Discovery:Password go together", error.Message);
        Assert.Contains("Discovery:ClientCertFile and Discovery:ClientKeyFile go together", error.Message);
        Assert.Contains("Discovery:CaFile '/nonexistent/ca.crt' does not exist.", error.Message);
    }

    [Fact]
    public void EtcdDiscoveryStore_MixedSchemes_ClearError()
    {
        var options = new DiscoveryOptions { Provider = "etcd", Endpoints = ["http://127.0.0.1:2379", "127.0.0.1:2479"] };

        var error = Assert.Throws<ArgumentException>(() => new EtcdDiscoveryStore(options));

        Assert.Contains("etcd endpoints must all be http://host:port or all https://host:port", error.Message);
    }

    public void Dispose() => File.Delete(_journal);
}
