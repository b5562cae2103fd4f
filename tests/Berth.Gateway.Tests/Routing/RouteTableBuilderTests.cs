using Berth.Core.Discovery;
using Berth.Discovery;
using Berth.Gateway.Routing;

namespace Berth.Gateway.Tests.Routing;

public sealed class RouteTableBuilderTests
{
    [Fact]
    public void Build_Snapshot_GroupsInstancesByAppInKeyOrder()
    {
        var builder = new RouteTableBuilder();
        builder.ApplySnapshot(new DiscoverySnapshot(
            [
                new DiscoveryEntry(ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80", 1),
                new DiscoveryEntry(ServiceKeys.Address("demo", "v2", "b"), "10.0.0.2:80", 2),
                new DiscoveryEntry(ServiceKeys.Address("other", "v1", "c"), "10.0.0.3:80", 3),
            ],
            7));

        var table = builder.Build();

        Assert.Equal(2, table.Count);
        Assert.Equal(7, table.Revision);
        Assert.True(table.TryGetRoute("demo", out var demo));
        Assert.Equal(["10.0.0.1:80", "10.0.0.2:80"], demo.Destinations.Select(d => d.Address));
    }

    [Fact]
    public void Build_MarkerWithoutInstances_EmptyRoute()
    {
        var builder = new RouteTableBuilder();
        builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, AppKeys.Marker("demo"), "acme", 1));

        Assert.True(builder.Build().TryGetRoute("demo", out var route));
        Assert.Empty(route.Destinations);
    }

    [Fact]
    public void Apply_DeletesOfInstanceAndMarker_AppGone()
    {
        var builder = new RouteTableBuilder();
        builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, AppKeys.Marker("demo"), "acme", 1));
        builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80", 2));

        builder.Apply(new DiscoveryEvent(DiscoveryEventType.Delete, ServiceKeys.Address("demo", "v1", "a"), null, 3));
        builder.Apply(new DiscoveryEvent(DiscoveryEventType.Delete, AppKeys.Marker("demo"), null, 4));

        Assert.Equal(0, builder.Build().Count);
    }

    [Fact]
    public void Apply_InvalidAddress_FalseAndDropsPreviousValue()
    {
        var builder = new RouteTableBuilder();
        var key = ServiceKeys.Address("demo", "v1", "a");
        builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, key, "10.0.0.1:80", 1));

        Assert.False(builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, key, "not an address", 2)));

        Assert.False(builder.Build().TryGetRoute("demo", out _));
    }

    [Fact]
    public void ApplySnapshot_InvalidEntry_ReportsKey()
    {
        var key = ServiceKeys.Address("demo", "v1", "a");

        var invalid = new RouteTableBuilder().ApplySnapshot(new DiscoverySnapshot([new DiscoveryEntry(key, "", 1)], 1));

        Assert.Equal([key], invalid);
    }

    [Fact]
    public void Build_EachCall_NewTableLeavingOldOneUnchanged()
    {
        var builder = new RouteTableBuilder();
        builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, ServiceKeys.Address("demo", "v1", "a"), "10.0.0.1:80", 1));
        var before = builder.Build();

        builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, ServiceKeys.Address("demo", "v1", "b"), "10.0.0.2:80", 2));
        var after = builder.Build();

        Assert.True(before.TryGetRoute("demo", out var old));
        Assert.Single(old.Destinations);
        Assert.True(after.TryGetRoute("demo", out var current));
        Assert.Equal(2, current.Destinations.Count);
    }
}
