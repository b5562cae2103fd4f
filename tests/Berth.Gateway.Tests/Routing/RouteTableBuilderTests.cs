using Berth.Core.Discovery;
using Berth.Core.Gateway;
using Berth.Discovery;
using Berth.Discovery.Gateway;
using Berth.Gateway.Routing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Tests.Routing;

public sealed class RouteTableBuilderTests
{
    private readonly RouteTableBuilder _builder = new(new GatewayStatistics(TimeProvider.System));
    private long _revision;

    [Fact]
    public void Build_Instances_GroupedByAppInKeyOrder()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(ServiceKeys.Address("demo", "v2", "b"), "10.0.0.2:80");
        Put(ServiceKeys.Address("other", "v1", "c"), "10.0.0.3:80");

        var table = _builder.Build();

        Assert.Equal(2, table.Count);
        Assert.Equal(3, table.Revision);
        Assert.True(table.TryGetRoute("demo", out var demo));
        Assert.Equal(["10.0.0.1:80", "10.0.0.2:80"], demo.Destinations.Select(d => d.EndPoint.ToString()));
    }

    [Fact]
    public void Build_MarkerWithoutInstances_EmptyRoute()
    {
        Put(AppKeys.Marker("demo"), "acme");

        Assert.True(_builder.Build().TryGetRoute("demo", out var route));
        Assert.Empty(route.Destinations);
        Assert.Null(route.Pick(0));
    }

    [Fact]
    public void Apply_DeletesOfInstanceAndMarker_AppGone()
    {
        Put(AppKeys.Marker("demo"), "acme");
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");

        Delete(ServiceKeys.Address("demo", "v1", "a"));
        Delete(AppKeys.Marker("demo"));

        Assert.Equal(0, _builder.Build().Count);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("10.0.0.1")]
    [InlineData("")]
    public void Apply_InvalidAddress_ProblemAndPreviousValueDropped(string address)
    {
        var key = ServiceKeys.Address("demo", "v1", "a");
        Put(key, "10.0.0.1:80");

        Assert.NotNull(Put(key, address));

        Assert.False(_builder.Build().TryGetRoute("demo", out _));
    }

    [Fact]
    public void Reset_InvalidEntry_ReportsKeyAndDropsUnlisted()
    {
        Put(ServiceKeys.Address("gone", "v1", "x"), "10.0.0.9:80");
        var bad = ServiceKeys.Address("demo", "v1", "a");

        var problems = _builder.Reset([new DiscoverySnapshot([new DiscoveryEntry(bad, "nope", 5)], 5)]);

        Assert.Equal([bad], problems.Select(p => p.Key));
        Assert.Equal(0, _builder.Build().Count);
    }

    [Fact]
    public void Build_EachCall_NewTableLeavingOldOneUnchanged()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        var before = _builder.Build();

        Put(ServiceKeys.Address("demo", "v1", "b"), "10.0.0.2:80");
        var after = _builder.Build();

        Assert.True(before.TryGetRoute("demo", out var old));
        Assert.Single(old.Destinations);
        Assert.True(after.TryGetRoute("demo", out var current));
        Assert.Equal(2, current.Destinations.Count);
    }

    [Fact]
    public void Build_SameAddressListedAgain_SameDestinationHealthRestored()
    {
        var key = ServiceKeys.Address("demo", "v1", "a");
        Put(key, "10.0.0.1:80");
        var first = Single(_builder.Build());
        first.MarkFailed(long.MaxValue);

        Put(key, "10.0.0.1:80");
        var second = Single(_builder.Build());

        Assert.Same(first, second);
        Assert.True(second.IsAvailable(0));
    }

    [Fact]
    public void Resolve_CustomDomainAndAppHost_SameRoute()
    {
        Put(ServiceKeys.Address("shop", "v1", "a"), "10.0.0.1:80");
        Put(GatewayKeys.Domain("www.example.com"), "shop");
        Put(GatewayKeys.Domain("orphan.example.com"), "nobody");

        var table = _builder.Build();

        Assert.Equal("shop", table.Resolve("WWW.Example.com:8080", ".localhost")?.AppId);
        Assert.Equal("shop", table.Resolve("shop.localhost", ".localhost")?.AppId);
        Assert.Null(table.Resolve("orphan.example.com", ".localhost"));
        Assert.Null(table.Resolve("example.com", ".localhost"));
        Assert.Equal(1, table.DomainCount);
    }

    [Fact]
    public void Pick_RoundRobin_CyclesInOrder()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(ServiceKeys.Address("demo", "v1", "b"), "10.0.0.2:80");
        Put(ServiceKeys.Address("demo", "v1", "c"), "10.0.0.3:80");
        var route = Route();

        var picks = Enumerable.Range(0, 6).Select(_ => route.Pick(0)!.EndPoint.ToString());

        Assert.Equal(["10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80", "10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80"], picks);
    }

    [Fact]
    public async Task Pick_ConcurrentCallers_SpreadEvenly()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(ServiceKeys.Address("demo", "v1", "b"), "10.0.0.2:80");
        var route = Route();

        var picks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 1_000).Select(_ => route.Pick(0)!.EndPoint.ToString()).ToList())));

        Assert.Equal(2_000, picks.SelectMany(p => p).Count(a => a == "10.0.0.1:80"));
    }

    [Fact]
    public void Pick_FailedInstance_SkippedUntilBackOffEnds()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(ServiceKeys.Address("demo", "v1", "b"), "10.0.0.2:80");
        var route = Route();
        route.Destinations[0].MarkFailed(until: 100);

        Assert.All(Enumerable.Range(0, 4), _ => Assert.Equal("10.0.0.2:80", route.Pick(50)!.EndPoint.ToString()));
        Assert.Null(route.Pick(50, exclude: route.Destinations[1]));
        Assert.Equal(2, Enumerable.Range(0, 4).Select(_ => route.Pick(100)!).Distinct().Count());
    }

    [Fact]
    public void Pick_ActiveVersionPublished_OnlyItsInstancesUntilItHasNone()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(ServiceKeys.Address("demo", "v2", "b"), "10.0.0.2:80");
        Put(GatewayKeys.Active("demo"), "v2");

        Assert.All(Enumerable.Range(0, 4), _ => Assert.Equal("v2", Route().Pick(0)!.Version));

        Delete(ServiceKeys.Address("demo", "v2", "b"));
        Assert.Equal("v1", Route().Pick(0)!.Version);
    }

    [Fact]
    public void Pick_ActiveVersionAllFailed_FallsBackToOtherVersion()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(ServiceKeys.Address("demo", "v2", "b"), "10.0.0.2:80");
        Put(GatewayKeys.Active("demo"), "v2");
        var route = Route();
        route.Destinations.Single(d => d.Version == "v2").MarkFailed(until: 10);

        Assert.Equal("v1", route.Pick(0)!.Version);
    }

    [Fact]
    public void Pick_SplitNinetyTen_ExactOverThousand()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(ServiceKeys.Address("demo", "v1", "b"), "10.0.0.2:80");
        Put(ServiceKeys.Address("demo", "v2", "c"), "10.0.0.3:80");
        Put(GatewayKeys.Active("demo"), "v1");
        PutTraffic("demo", new TrafficPolicy { Weights = new Dictionary<string, int> { ["v1"] = 90, ["v2"] = 10, ["v3"] = 50 } });
        var route = Route();

        var picks = Enumerable.Range(0, 1_000).Select(_ => route.Pick(0)!).ToList();

        Assert.Equal(100, picks.Count(d => d.Version == "v2"));
        Assert.Equal(450, picks.Count(d => d.EndPoint.ToString() == "10.0.0.1:80"));
    }

    [Fact]
    public void Pick_SplitNamesNoRunningVersion_PrimaryServes()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        PutTraffic("demo", new TrafficPolicy { Weights = new Dictionary<string, int> { ["v9"] = 100 } });

        Assert.Equal("v1", Route().Pick(0)!.Version);
    }

    [Fact]
    public void Pick_LeastRequests_AvoidsBusyInstance()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(ServiceKeys.Address("demo", "v1", "b"), "10.0.0.2:80");
        PutTraffic("demo", new TrafficPolicy { Balancing = BalancingPolicies.LeastRequests });
        var route = Route();
        route.Destinations[0].Enter();

        Assert.Equal(BalancingPolicies.LeastRequests, route.Policy.Name);
        Assert.All(Enumerable.Range(0, 4), _ => Assert.Equal("10.0.0.2:80", route.Pick(0)!.EndPoint.ToString()));
    }

    [Fact]
    public void Build_Blacklists_GlobalAndPerApp()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");
        Put(GatewayKeys.Blacklist(null), GatewaySettingsPublisher.Serialize(["192.0.2.0/24"]));
        Assert.NotNull(Put(GatewayKeys.Blacklist("demo"), GatewaySettingsPublisher.Serialize(["127.0.0.1", "bogus"])));

        var table = _builder.Build();

        Assert.Equal(["192.0.2.0/24"], table.GlobalBlacklist.Entries);
        Assert.True(table.TryGetRoute("demo", out var route));
        Assert.Equal(["127.0.0.1"], route.Blacklist.Entries);

        Delete(GatewayKeys.Blacklist("demo"));
        Assert.True(_builder.Build().TryGetRoute("demo", out route));
        Assert.True(route.Blacklist.IsEmpty);
    }

    [Fact]
    public void Apply_MalformedTraffic_ProblemAndNoSplit()
    {
        Put(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80");

        Assert.NotNull(Put(GatewayKeys.Traffic("demo"), "{not json"));
        Assert.Equal("v1", Route().Pick(0)!.Version);
    }

    private string? Put(string key, string value) => _builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, key, value, ++_revision));

    private void PutTraffic(string appId, TrafficPolicy policy) => Put(GatewayKeys.Traffic(appId), GatewaySettingsPublisher.Serialize(policy));

    private void Delete(string key) => _builder.Apply(new DiscoveryEvent(DiscoveryEventType.Delete, key, null, ++_revision));

    private AppRoute Route() => _builder.Build().TryGetRoute("demo", out var route) ? route : throw new InvalidOperationException("no route");

    private static RouteDestination Single(RouteTable table) => Assert.Single(Assert.Single(table.Routes).Destinations);
}
