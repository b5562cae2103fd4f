using Berth.Gateway.Routing;

namespace Berth.Gateway.Tests.Routing;

public sealed class HostNamesTests
{
    [Theory]
    [InlineData("demo.localhost", "demo")]
    [InlineData("demo.localhost:7080", "demo")]
    [InlineData("demo.localhost.", "demo")]
    [InlineData("www.demo.localhost", "demo")]
    [InlineData("Demo.LOCALHOST", "Demo")]
    public void TryGetAppId_AppHost_GivesLabelBeforeDomain(string host, string expected)
    {
        Assert.True(HostNames.TryGetAppId(host, ".localhost", out var appId));
        Assert.Equal(expected, appId.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("localhost:7080")]
    [InlineData(".localhost")]
    [InlineData("127.0.0.1:7080")]
    [InlineData("[::1]:7080")]
    [InlineData("demo.example.com")]
    [InlineData("demolocalhost")]
    [InlineData("demo..localhost")]
    public void TryGetAppId_OtherHost_False(string host) => Assert.False(HostNames.TryGetAppId(host, ".localhost", out _));

    [Fact]
    public void TryGetAppId_MultiLabelBaseDomain_GivesApp()
    {
        Assert.True(HostNames.TryGetAppId("shop.apps.example.com:443", ".apps.example.com", out var appId));
        Assert.Equal("shop", appId.ToString());
    }
}
