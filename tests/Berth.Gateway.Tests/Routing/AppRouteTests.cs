using Berth.Gateway.Routing;

namespace Berth.Gateway.Tests.Routing;

public sealed class AppRouteTests
{
    [Fact]
    public void Pick_ThreeInstances_CyclesInOrder()
    {
        var route = new AppRoute("demo", [Destination("10.0.0.1:80"), Destination("10.0.0.2:80"), Destination("10.0.0.3:80")]);

        var picks = Enumerable.Range(0, 6).Select(_ => route.Pick()!.Address);

        Assert.Equal(["10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80", "10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80"], picks);
    }

    [Fact]
    public void Pick_NoInstances_Null() => Assert.Null(new AppRoute("demo", []).Pick());

    [Fact]
    public async Task Pick_ConcurrentCallers_SpreadEvenly()
    {
        var route = new AppRoute("demo", [Destination("10.0.0.1:80"), Destination("10.0.0.2:80")]);

        var picks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 1_000).Select(_ => route.Pick()!.Address).ToList())));

        Assert.Equal(2_000, picks.SelectMany(p => p).Count(a => a == "10.0.0.1:80"));
    }

    [Theory]
    [InlineData("10.0.0.1:8080", true)]
    [InlineData("[::1]:8080", true)]
    [InlineData("", false)]
    [InlineData("10.0.0.1:8080/path", false)]
    [InlineData("user@10.0.0.1:8080", false)]
    [InlineData("not a host", false)]
    public void TryCreate_Address_ValidatesAsHttpUrl(string address, bool valid)
    {
        Assert.Equal(valid, RouteDestination.TryCreate(address, out var destination));
        if (valid)
        {
            Assert.Equal("http://" + address, destination.Prefix);
        }
    }

    private static RouteDestination Destination(string address) =>
        RouteDestination.TryCreate(address, out var destination) ? destination : throw new ArgumentException(address);
}
