using Berth.Core.Discovery;

namespace Berth.Core.Tests.Discovery;

public sealed class ServiceKeysTests
{
    [Fact]
    public void Address_Parts_FollowTheSeedLayout() =>
        Assert.Equal("/caas/service/address/hello/v1/abc", ServiceKeys.Address("hello", "v1", "abc"));

    [Fact]
    public void TryParseAddress_AddressKey_GivesParts()
    {
        Assert.True(ServiceKeys.TryParseAddress("/caas/service/address/hello/v1/abc", out var app, out var version, out var container));
        Assert.Equal(("hello", "v1", "abc"), (app, version, container));
    }

    [Theory]
    [InlineData("/caas/service/address/hello/v1")]
    [InlineData("/caas/config/hello/k")]
    [InlineData("/caas/service/address/hello//abc")]
    public void TryParseAddress_OtherKey_False(string key) => Assert.False(ServiceKeys.TryParseAddress(key, out _, out _, out _));
}
