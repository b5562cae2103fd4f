using System.Diagnostics;
using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Core.Gateway;
using Berth.Discovery;
using Berth.Discovery.Etcd;
using Berth.Discovery.Gateway;
using Berth.Discovery.Selection;
using Berth.Discovery.ZooKeeper;
using Berth.Gateway.Tests.Support;
using Berth.ZooKeeper;
using Berth.ZooKeeper.Tests;

namespace Berth.Gateway.Tests.Access;

/// <summary>
/// A gateway on real ZooKeeper and etcd with its own least-privilege reader: it reads every gateway setting, and when
/// discovery refuses it the blacklists it fails closed (503 for apps, health not ok) rather than routing without them.
/// </summary>
public sealed class DiscoveryAccessTests : IAsyncLifetime
{
    private const string BerthUser = "berth";
    private const string BerthPassword = "berth-secret";
    private const string GatewayUser = "gateway";
    private const string GatewayPassword = "gateway-secret";
    private const string NarrowPassword = "narrow-secret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<EtcdDiscoveryStore> _etcdStores = [];
    private TestRoot _root = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _root = await TestRoot.CreateAsync();
        _root.AddUser(BerthUser, BerthPassword);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        _etcdStores.ForEach(store => store.Dispose());
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task Request_ZooKeeperLeastPrivilegeReader_AppliesEverySetting()
    {
        var berth = ZooKeeperStore(BerthUser, BerthPassword, ZooKeeperAcl.DigestId(GatewayUser, GatewayPassword));
        var gateway = await StartGatewayAsync(ZooKeeperStore(GatewayUser, GatewayPassword));
        var shop = await gateway.StartBackendAsync("shop-v2", Ct);
        var blocked = await gateway.StartBackendAsync("blocked", Ct);
        var registry = new ServiceRegistry(berth);

        await registry.RegisterAsync("shop", "v1", "a", (await gateway.StartBackendAsync("shop-v1", Ct)).Address, Ct);
        await registry.RegisterAsync("shop", "v2", "b", shop.Address, Ct);
        await registry.RegisterAsync("blocked", "v1", "c", blocked.Address, Ct);
        await berth.PutAsync(GatewayKeys.Active("shop"), "v2", Ct);
        await berth.PutAsync(GatewayKeys.Traffic("shop"), JsonSerializer.Serialize(new TrafficPolicy { Weights = new Dictionary<string, int> { ["v2"] = 100 } }, GatewaySettingsJson.Default.TrafficPolicy), Ct);
        await berth.PutAsync(GatewayKeys.Domain("www.shop.test"), "shop", Ct);
        await berth.PutAsync(GatewayKeys.Blacklist("blocked"), GatewaySettingsPublisher.Serialize(["127.0.0.1"]), Ct);
        var last = await berth.PutAsync(GatewayKeys.Blacklist(null), GatewaySettingsPublisher.Serialize(["203.0.113.7"]), Ct);
        await gateway.WaitForRevisionAsync(last, Ct);

        Assert.Empty(gateway.Updater.UnreadableSettings);
        Assert.Equal("shop-v2", await gateway.GetTextAsync("www.shop.test", "/", Ct));
        Assert.Equal("shop-v2", await gateway.GetTextAsync("shop.localhost", "/", Ct));
        Assert.Equal("[403]", await gateway.GetTextAsync("blocked.localhost", "/", Ct));
        Assert.Equal(0, blocked.Requests);
        Assert.Equal("ok", await HealthStatusAsync(gateway));
    }

    [Fact]
    public async Task Request_ZooKeeperBlacklistNotReadable_503AndUnhealthy()
    {
        // Nodes whose ACL names another reader: what a gateway meets when its user is not the one Berth was set up with.
        var berth = ZooKeeperStore(BerthUser, BerthPassword, ZooKeeperAcl.DigestId("someone-else", "pw"));
        var backend = new ServiceRegistry(ZooKeeperStore(BerthUser, BerthPassword, ZooKeeperAcl.DigestId(GatewayUser, GatewayPassword)));
        await berth.PutAsync(GatewayKeys.Blacklist(null), GatewaySettingsPublisher.Serialize(["203.0.113.7"]), Ct);
        var gateway = await StartGatewayAsync(ZooKeeperStore(GatewayUser, GatewayPassword));
        var shop = await gateway.StartBackendAsync("shop", Ct);

        await backend.RegisterAsync("shop", "v1", "a", shop.Address, Ct);

        await AssertFailsClosedAsync(gateway, shop);
    }

    [Fact]
    public async Task Request_EtcdReaderWithoutBlacklistRights_503AndUnhealthy()
    {
        var narrow = await NarrowEtcdUserAsync();
        var app = $"narrow-{Guid.NewGuid():N}"[..16];
        var berth = Own(new EtcdDiscoveryStore(EtcdSecure("berth", Password("berth"))));
        var gateway = await StartGatewayAsync(Own(new EtcdDiscoveryStore(EtcdSecure(narrow, NarrowPassword))));
        var shop = await gateway.StartBackendAsync("shop", Ct);

        await new ServiceRegistry(berth).RegisterAsync(app, "v1", "a", shop.Address, Ct);
        try
        {
            await AssertFailsClosedAsync(gateway, shop, app);
        }
        finally
        {
            await berth.DeleteAsync(ServiceKeys.Address(app, "v1", "a"), Ct);
        }
    }

    private static async Task AssertFailsClosedAsync(GatewayHarness gateway, TestBackend shop, string app = "shop")
    {
        await gateway.WaitForInstancesAsync(app, 1, Ct);

        Assert.Contains(GatewayKeys.BlacklistRoot, gateway.Updater.UnreadableSettings);
        Assert.True(gateway.Updater.Current.BlacklistUnreadable);
        Assert.Equal("[503]", await gateway.GetTextAsync($"{app}.localhost", "/", Ct));
        Assert.Equal(0, shop.Requests);
        using var health = await gateway.GetAsync("localhost", "/_berth/health", Ct);
        Assert.Equal(503, (int)health.StatusCode);
        Assert.Contains("\"status\":\"denied\"", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<string> HealthStatusAsync(GatewayHarness gateway)
    {
        using var health = await gateway.GetAsync("localhost", "/_berth/health", Ct);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("status").GetString()!;
    }

    private async Task<GatewayHarness> StartGatewayAsync(IDiscoveryStore store)
    {
        var gateway = await GatewayHarness.StartAsync(Ct, store: store).WaitAsync(Patience, Ct);
        _owned.Insert(0, gateway);
        return gateway;
    }

    private ZooKeeperDiscoveryStore ZooKeeperStore(string user, string password, string? readerId = null) => Own(new ZooKeeperDiscoveryStore(new ZooKeeperDiscoveryOptions
    {
        ConnectString = _root.ConnectString,
        SessionTimeout = TestZooKeeper.ShortSession,
        User = user,
        Password = password,
        ReaderId = readerId,
    }));

    private ZooKeeperDiscoveryStore Own(ZooKeeperDiscoveryStore store)
    {
        _owned.Add(store);
        return store;
    }

    private EtcdDiscoveryStore Own(EtcdDiscoveryStore store)
    {
        _etcdStores.Add(store);
        return store;
    }

    private static string SecureDir => Path.Combine(Environment.GetEnvironmentVariable("BERTH_RUN") is { Length: > 0 } run ? run : "/var/tmp/berth", "etcd-secure");

    private static string Password(string user) => File.ReadAllText(Path.Combine(SecureDir, $"{user}.password")).Trim();

    private static DiscoveryOptions EtcdSecure(string user, string password) => new()
    {
        Provider = DiscoveryProviders.Etcd,
        Endpoints = ["https://127.0.0.1:2479"],
        Username = user,
        Password = password,
        CaFile = Path.Combine(SecureDir, "pki", "ca.crt"),
        ClientCertFile = Path.Combine(SecureDir, "pki", "client.crt"),
        ClientKeyFile = Path.Combine(SecureDir, "pki", "client.key"),
    };

    /// <summary>
    /// A reader on the secure etcd member (scripts/start-etcd.sh --secure) that, unlike its gateway role, may read
    /// addresses and app markers only.
    /// </summary>
    private static async Task<string> NarrowEtcdUserAsync()
    {
        const string user = "gateway-narrow";
        if (await EtcdctlAsync("user", "get", user) != 0)
        {
            await EtcdctlAsync("role", "add", user);
            await EtcdctlAsync("role", "grant-permission", user, "--prefix=true", "read", ServiceKeys.AddressRoot);
            await EtcdctlAsync("role", "grant-permission", user, "--prefix=true", "read", AppKeys.Root);
            await EtcdctlAsync("user", "add", $"{user}:{NarrowPassword}");
            Assert.Equal(0, await EtcdctlAsync("user", "grant-role", user, user));
        }

        return user;
    }

    private static async Task<int> EtcdctlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("etcdctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[
            "--endpoints", "https://127.0.0.1:2479", "--cacert", Path.Combine(SecureDir, "pki", "ca.crt"),
            "--cert", Path.Combine(SecureDir, "pki", "client.crt"), "--key", Path.Combine(SecureDir, "pki", "client.key"),
            "--user", $"root:{Password("root")}", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ETCDCTL_API"] = "3";
        using var process = Process.Start(start)!;
        await Task.WhenAll(process.StandardOutput.ReadToEndAsync(Ct), process.StandardError.ReadToEndAsync(Ct));
        await process.WaitForExitAsync(Ct);
        return process.ExitCode;
    }
}
