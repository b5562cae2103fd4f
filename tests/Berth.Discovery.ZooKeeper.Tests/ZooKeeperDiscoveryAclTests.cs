using Berth.Core.Discovery;
using Berth.Discovery.Certificates;
using Berth.Discovery.Gateway;

namespace Berth.Discovery.ZooKeeper.Tests;

public sealed class ZooKeeperDiscoveryAclTests : StoreTests
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.PutAsync(ServiceKeys.Address("shop", "v1", "c1"), "10.0.0.1:80", Ct);
        await Store.PutAsync(AppKeys.Marker("shop"), "tenant", Ct);
        await Store.PutAsync(DiscoveryKeys.Config("shop", "color"), "blue", Ct);
    }

    [Fact]
    public async Task Gateway_ReadsAndWatchesAddressesAndApps()
    {
        var gateway = Fixture.GatewayStore();

        var addresses = await gateway.GetPrefixAsync(ServiceKeys.AddressRoot, Ct);
        var apps = await gateway.GetPrefixAsync(AppKeys.Root, Ct);
        await using var events = new WatchProbe(gateway, ServiceKeys.AddressRoot, addresses.Revision);
        await Store.PutAsync(ServiceKeys.Address("shop", "v1", "c2"), "10.0.0.2:80", Ct);

        Assert.Equal("10.0.0.1:80", addresses.Entries.Single().Value);
        Assert.Equal("tenant", apps.Entries.Single().Value);
        Assert.Equal("10.0.0.2:80", (await events.TakeAsync(1))[0].Value);
    }

    [Fact]
    public async Task Gateway_ReadsAndWatchesEveryGatewaySetting()
    {
        var settings = new Dictionary<string, string>
        {
            [GatewayKeys.Domain("www.shop.test")] = "shop",
            [GatewayKeys.Traffic("shop")] = """{"weights":{"v1":100}}""",
            [GatewayKeys.Blacklist(null)] = """["203.0.113.7"]""",
            [GatewayKeys.Blacklist("shop")] = """["198.51.100.0/24"]""",
            [GatewayKeys.Active("shop")] = "v1",
        };
        foreach (var (key, value) in settings)
        {
            await Store.PutAsync(key, value, Ct);
        }

        var gateway = Fixture.GatewayStore();
        var read = new Dictionary<string, string>();
        foreach (var root in GatewayKeys.WatchedRoots)
        {
            foreach (var entry in (await gateway.GetPrefixAsync(root, Ct)).Entries)
            {
                read[entry.Key] = entry.Value;
            }
        }

        var blacklists = await gateway.GetPrefixAsync(GatewayKeys.BlacklistRoot, Ct);
        await using var events = new WatchProbe(gateway, GatewayKeys.BlacklistRoot, blacklists.Revision);
        await Store.PutAsync(GatewayKeys.Blacklist("other"), """["192.0.2.1"]""", Ct);

        Assert.Equal(settings.OrderBy(s => s.Key, StringComparer.Ordinal), read.OrderBy(s => s.Key, StringComparer.Ordinal));
        Assert.Equal(GatewayKeys.Blacklist("other"), (await events.TakeAsync(1))[0].Key);
    }

    [Fact]
    public async Task Gateway_CannotReadMembersNorElections()
    {
        await Store.PutAsync(DiscoveryKeys.Member("gateway", "g1"), "http://10.0.0.1:8081", Ct);
        await using var leadership = await Store.CampaignAsync("reconcile", "cp1", TimeSpan.FromSeconds(2), Ct);
        var gateway = Fixture.GatewayStore();

        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.GetPrefixAsync(DiscoveryKeys.Member("gateway", ""), Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.GetPrefixAsync(DiscoveryKeys.Election(""), Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.PutAsync(GatewayKeys.Blacklist(null), "[]", Ct));
    }

    [Fact]
    public async Task Gateway_CannotWriteNorReadBeyondItsShare()
    {
        var gateway = Fixture.GatewayStore();

        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.PutAsync(ServiceKeys.Address("shop", "v1", "c1"), "6.6.6.6:66", Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.PutAsync(ServiceKeys.Address("evil", "v1", "c1"), "6.6.6.6:66", Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.DeleteAsync(ServiceKeys.Address("shop", "v1", "c1"), Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.PutAsync(AppKeys.Marker("shop"), "mine", Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.GetPrefixAsync(DiscoveryKeys.ConfigPrefix("shop"), Ct));
        Assert.Equal("10.0.0.1:80", (await Store.GetPrefixAsync(ServiceKeys.AddressRoot, Ct)).Entries.Single().Value);
    }

    [Fact]
    public async Task CertificateStore_GatewayReadsAnonymousCannotGatewayCannotWrite()
    {
        await Store.PutAsync(CertificateKeys.For("www.shop.test"), """{"name":"www.shop.test"}""", Ct);
        var gateway = Fixture.GatewayStore();
        var anonymous = Fixture.AnonymousStore();

        var read = await gateway.GetPrefixAsync(CertificateKeys.Root, Ct);

        Assert.Equal(CertificateKeys.For("www.shop.test"), read.Entries.Single().Key);
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => anonymous.GetPrefixAsync(CertificateKeys.Root, Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => gateway.PutAsync(CertificateKeys.For("www.shop.test"), "{}", Ct));
    }

    [Fact]
    public async Task Anonymous_RefusedEverywhere()
    {
        var anonymous = Fixture.AnonymousStore();

        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => anonymous.GetPrefixAsync(ServiceKeys.AddressRoot, Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => anonymous.GetPrefixAsync(DiscoveryKeys.ConfigPrefix("shop"), Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => anonymous.PutAsync(ServiceKeys.Address("shop", "v1", "c9"), "6.6.6.6:66", Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => anonymous.PutAsync(DiscoveryKeys.Member("gateway", "fake"), "x", Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => anonymous.PutEphemeralAsync(DiscoveryKeys.Member("gateway", "fake"), "x", TimeSpan.FromSeconds(2), Ct));
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => anonymous.CampaignAsync("reconcile", "fake", TimeSpan.FromSeconds(2), Ct));
        await using var watch = new WatchProbe(anonymous, DiscoveryKeys.ConfigPrefix("shop"), 0);
        var error = await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(watch.FirstAsync);
        Assert.Contains("Discovery:Username", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_Refused()
    {
        var impostor = Fixture.Own(new ZooKeeperDiscoveryStore(Fixture.Options(StoreFixture.BerthUser, "guess")));

        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => impostor.GetPrefixAsync(ServiceKeys.AddressRoot, Ct));
    }
}
