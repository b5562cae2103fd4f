using System.Text.Json;
using Berth.Discovery.Embedded;
using Berth.Discovery.Gateway;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>Two gateways over one discovery store, as two machines would run them: same apps, same settings, each within a second.</summary>
public sealed class TwoGatewaysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_EitherGateway_SameAppsAndSettings()
    {
        var store = new EmbeddedDiscoveryStore();
        await using var first = await GatewayHarness.StartAsync(Ct, store: store);
        await using var second = await GatewayHarness.StartAsync(Ct, store: store);
        await first.AddBackendAsync("demo", "one", Ct);
        await first.PutAsync(GatewayKeys.Domain("demo.example.com"), "demo", Ct);
        await second.WaitForRevisionAsync(first.Updater.Current.Revision, Ct);

        foreach (var gateway in new[] { first, second })
        {
            Assert.Equal("one", await gateway.GetTextAsync("demo.localhost", "/", Ct));
            Assert.Equal("one", await gateway.GetTextAsync("demo.example.com", "/", Ct));
        }

        await first.PutAsync(GatewayKeys.Blacklist("demo"), GatewaySettingsPublisher.Serialize(["127.0.0.1"]), Ct);
        await second.WaitForRevisionAsync(first.Updater.Current.Revision, Ct);
        Assert.Equal("[403]", await first.GetTextAsync("demo.localhost", "/", Ct));
        Assert.Equal("[403]", await second.GetTextAsync("demo.localhost", "/", Ct));

        using var health = JsonDocument.Parse(await second.GetTextAsync("localhost", "/_berth/health", Ct));
        Assert.Equal(1, health.RootElement.GetProperty("domains").GetInt32());
    }

    [Fact]
    public async Task Health_DiscoveryUnreachable_StaleButStillRouting()
    {
        var store = new FlakyDiscoveryStore(new EmbeddedDiscoveryStore());
        await using var gateway = await GatewayHarness.StartAsync(Ct, new GatewayOptions { WatchRetryDelay = TimeSpan.FromMilliseconds(50) }, store);
        await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);

        store.Break();
        await Eventually.TrueAsync(() => gateway.Updater.IsStale, TimeSpan.FromSeconds(5), Ct);
        using var stale = JsonDocument.Parse(await gateway.GetTextAsync("localhost", "/_berth/health", Ct));

        Assert.Equal("stale", stale.RootElement.GetProperty("status").GetString());
        Assert.Equal("one", await gateway.GetTextAsync("demo.localhost", "/", Ct));

        store.Heal();
        await Eventually.TrueAsync(() => !gateway.Updater.IsStale, TimeSpan.FromSeconds(5), Ct);
        using var healed = JsonDocument.Parse(await gateway.GetTextAsync("localhost", "/_berth/health", Ct));
        Assert.Equal("ok", healed.RootElement.GetProperty("status").GetString());
    }
}
