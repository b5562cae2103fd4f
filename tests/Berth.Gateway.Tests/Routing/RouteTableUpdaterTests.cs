using Berth.Discovery;
using Berth.Discovery.Embedded;
using Berth.Discovery.Gateway;
using Berth.Gateway.Routing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;
using Berth.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Tests.Routing;

public sealed class RouteTableUpdaterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitForFirstTableAsync_ExistingRegistrations_InFirstTable()
    {
        var store = new EmbeddedDiscoveryStore();
        await new ServiceRegistry(store).RegisterAsync("demo", "v1", "a", "10.0.0.1:80", Ct);
        using var updater = CreateUpdater(store);

        await updater.StartAsync(Ct);
        await updater.WaitForFirstTableAsync(Ct);

        Assert.True(updater.Current.TryGetRoute("demo", out _));
        Assert.False(updater.IsStale);
        await updater.StopAsync(Ct);
    }

    [Fact]
    public async Task Current_BurstOfRegistrations_AllReachTheTable()
    {
        var store = new EmbeddedDiscoveryStore();
        var registry = new ServiceRegistry(store);
        using var updater = CreateUpdater(store);
        await updater.StartAsync(Ct);
        await updater.WaitForFirstTableAsync(Ct);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(
            async () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    await registry.RegisterAsync($"app{w}", "v1", $"c{i}", $"10.0.{w}.{i}:80", Ct);
                }
            },
            Ct)));

        await Eventually.TrueAsync(() => updater.Current.Revision == store.Revision, Patience, Ct);
        Assert.All(updater.Current.Routes, route => Assert.Equal(100, route.Destinations.Count));
        Assert.Equal(4, updater.Current.Count);
        await updater.StopAsync(Ct);
    }

    [Fact]
    public async Task Current_WatchFails_ServesLastTableWhileStaleThenRelists()
    {
        var inner = new EmbeddedDiscoveryStore();
        var store = new FlakyDiscoveryStore(inner);
        var registry = new ServiceRegistry(inner);
        await registry.RegisterAsync("demo", "v1", "a", "10.0.0.1:80", Ct);
        using var updater = CreateUpdater(store);
        await updater.StartAsync(Ct);
        await updater.WaitForFirstTableAsync(Ct);

        store.Break();
        await Eventually.TrueAsync(() => updater.IsStale, Patience, Ct);
        await registry.RegisterAsync("demo", "v1", "b", "10.0.0.2:80", Ct);

        Assert.NotNull(updater.LastError);
        Assert.True(updater.Current.TryGetRoute("demo", out var stale));
        Assert.Single(stale.Destinations);

        store.Heal();
        await Eventually.TrueAsync(() => !updater.IsStale, Patience, Ct);
        Assert.True(updater.Current.TryGetRoute("demo", out var fresh));
        Assert.Equal(2, fresh.Destinations.Count);
        await updater.StopAsync(Ct);
    }

    [Fact]
    public async Task WaitForFirstTableAsync_StoreDownAtStart_CompletesOnceReachable()
    {
        var store = new FlakyDiscoveryStore(new EmbeddedDiscoveryStore());
        store.Break();
        using var updater = CreateUpdater(store);
        await updater.StartAsync(Ct);
        await Eventually.TrueAsync(() => updater.LastError is not null, Patience, Ct);

        Assert.False(updater.HasTable);
        store.Heal();

        await updater.WaitForFirstTableAsync(Ct).WaitAsync(Patience, Ct);
        Assert.False(updater.IsStale);
        await updater.StopAsync(Ct);
    }

    [Fact]
    public async Task Current_SettingsPrefixesDenied_RoutesButRefusesAppsUntilAllowed()
    {
        var inner = new EmbeddedDiscoveryStore();
        await new ServiceRegistry(inner).RegisterAsync("demo", "v1", "a", "10.0.0.1:80", Ct);
        var store = new DenyingDiscoveryStore(inner, [.. GatewayKeys.WatchedRoots]);
        using var updater = CreateUpdater(store);

        await updater.StartAsync(Ct);
        await updater.WaitForFirstTableAsync(Ct).WaitAsync(Patience, Ct);
        await new ServiceRegistry(inner).RegisterAsync("demo", "v1", "b", "10.0.0.2:80", Ct);

        await Eventually.TrueAsync(() => updater.Current.TryGetRoute("demo", out var route) && route.Destinations.Count == 2, Patience, Ct);
        Assert.True(updater.Current.BlacklistUnreadable);
        Assert.Equal(GatewayKeys.WatchedRoots.Order(StringComparer.Ordinal), updater.UnreadableSettings.Order(StringComparer.Ordinal));
        Assert.Contains("may not read", updater.LastError, StringComparison.Ordinal);
        await updater.StopAsync(Ct);
    }

    [Fact]
    public async Task Current_BlacklistAllowedLater_TableReopensWithTheBlacklist()
    {
        var inner = new EmbeddedDiscoveryStore();
        await inner.PutAsync(GatewayKeys.Blacklist(null), GatewaySettingsPublisher.Serialize(["203.0.113.7"]), Ct);
        var store = new DenyingDiscoveryStore(inner, GatewayKeys.BlacklistRoot);
        using var updater = CreateUpdater(store);
        await updater.StartAsync(Ct);
        await updater.WaitForFirstTableAsync(Ct).WaitAsync(Patience, Ct);
        Assert.True(updater.Current.BlacklistUnreadable);

        store.Allow(GatewayKeys.BlacklistRoot);

        await Eventually.TrueAsync(() => !updater.Current.BlacklistUnreadable, Patience, Ct);
        Assert.Empty(updater.UnreadableSettings);
        Assert.False(updater.Current.GlobalBlacklist.IsEmpty);
        await updater.StopAsync(Ct);
    }

    private static RouteTableUpdater CreateUpdater(Berth.Core.Discovery.IDiscoveryStore store) =>
        new(
            store,
            new GatewayStatistics(TimeProvider.System),
            Options.Create(new GatewayOptions { WatchRetryDelay = TimeSpan.FromMilliseconds(20) }),
            TimeProvider.System,
            NullLogger<RouteTableUpdater>.Instance);
}
