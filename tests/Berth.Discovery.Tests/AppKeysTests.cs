namespace Berth.Discovery.Tests;

public sealed class AppKeysTests
{
    [Fact]
    public void Marker_AppId_UnderRoot() => Assert.Equal("/caas/apps/demo", AppKeys.Marker("demo"));

    [Fact]
    public void TryParseMarker_MarkerKey_GivesAppId()
    {
        Assert.True(AppKeys.TryParseMarker("/caas/apps/demo", out var appId));
        Assert.Equal("demo", appId);
    }

    [Theory]
    [InlineData("/caas/apps/")]
    [InlineData("/caas/apps/demo/extra")]
    [InlineData("/caas/service/address/demo/v1/c1")]
    public void TryParseMarker_OtherKey_False(string key) => Assert.False(AppKeys.TryParseMarker(key, out _));
}
