using Berth.Core.Discovery;
using Berth.Discovery.Embedded;

namespace Berth.Discovery.Tests;

public sealed class ServiceRegistryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EmbeddedDiscoveryStore _store = new();
    private readonly ServiceRegistry _registry;

    public ServiceRegistryTests() => _registry = new ServiceRegistry(_store);

    [Fact]
    public async Task RegisterAsync_ThenList_RoundTrips()
    {
        await _registry.RegisterAsync("demo", "v1", "c2", "10.0.0.2:8080", Ct);
        await _registry.RegisterAsync("demo", "v2", "c1", "10.0.0.1:8080", Ct);
        await _registry.RegisterAsync("demo2", "v1", "c9", "10.0.0.9:8080", Ct);

        var instances = await _registry.ListAsync("demo", Ct);

        Assert.Equal(
            [new ServiceInstance("demo", "v1", "c2", "10.0.0.2:8080"), new ServiceInstance("demo", "v2", "c1", "10.0.0.1:8080")],
            instances);
    }

    [Fact]
    public async Task RegisterAsync_Instance_WritesServiceKeysLayout()
    {
        var revision = await _registry.RegisterAsync("demo", "v1", "c1", "10.0.0.1:8080", Ct);

        var entry = Assert.Single((await _store.GetPrefixAsync(ServiceKeys.AddressRoot, Ct)).Entries);
        Assert.Equal(new DiscoveryEntry("/caas/service/address/demo/v1/c1", "10.0.0.1:8080", revision), entry);
    }

    [Fact]
    public async Task DeregisterAsync_Registered_RemovesOnlyThatInstance()
    {
        await _registry.RegisterAsync("demo", "v1", "c1", "10.0.0.1:8080", Ct);
        await _registry.RegisterAsync("demo", "v1", "c2", "10.0.0.2:8080", Ct);

        Assert.True(await _registry.DeregisterAsync("demo", "v1", "c1", Ct));
        Assert.False(await _registry.DeregisterAsync("demo", "v1", "c1", Ct));

        Assert.Equal(["c2"], (await _registry.ListAsync("demo", Ct)).Select(i => i.ContainerId));
    }

    [Fact]
    public async Task DeregisterAppAsync_SeveralVersions_RemovesEveryInstanceOfThatAppOnly()
    {
        await _registry.RegisterAsync("demo", "v1", "c1", "10.0.0.1:8080", Ct);
        await _registry.RegisterAsync("demo", "v2", "c2", "10.0.0.2:8080", Ct);
        await _registry.RegisterAsync("demo2", "v1", "c3", "10.0.0.3:8080", Ct);

        Assert.Equal(2, await _registry.DeregisterAppAsync("demo", Ct));

        Assert.Empty(await _registry.ListAsync("demo", Ct));
        Assert.Single(await _registry.ListAsync("demo2", Ct));
    }

    [Fact]
    public async Task AddAppAsync_ThenRemove_WritesAndDeletesMarker()
    {
        await _registry.AddAppAsync("demo", "acme", Ct);
        Assert.Equal("acme", Assert.Single((await _store.GetPrefixAsync(AppKeys.Root, Ct)).Entries).Value);

        Assert.True(await _registry.RemoveAppAsync("demo", Ct));

        Assert.Empty((await _store.GetPrefixAsync(AppKeys.Root, Ct)).Entries);
    }

    [Theory]
    [InlineData("Demo", "v1", "c1")]
    [InlineData("demo", "v/1", "c1")]
    [InlineData("demo", "v1", "c/1")]
    [InlineData("demo", "v1", "")]
    public async Task RegisterAsync_InvalidParts_Throws(string appId, string version, string containerId) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _registry.RegisterAsync(appId, version, containerId, "10.0.0.1:80", Ct));
}
