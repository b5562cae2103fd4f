using System.Net;
using Berth.Discovery.Gateway;
using Berth.Gateway.Access;

namespace Berth.Gateway.Tests.Settings;

public sealed class IpRangesTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData(" 10.0.0.0/8 ", "10.0.0.0/8")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("::1", "::1")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void TryParse_Valid_Canonical(string entry, string canonical)
    {
        Assert.True(IpRanges.TryParse(entry, out var network, out _));
        Assert.Equal(canonical, IpRanges.Format(network));
    }

    [Theory]
    [InlineData("", "not an IP address")]
    [InlineData("127.1", "not an IP address")]
    [InlineData("example.com", "not an IP address")]
    [InlineData("10.0.0.0/33", "prefix length outside 0-32")]
    [InlineData("10.0.0.1/8", "did you mean 10.0.0.0/8?")]
    [InlineData("fe80::1%eth0", "not an IP address")]
    public void TryParse_Invalid_Reason(string entry, string reason)
    {
        Assert.False(IpRanges.TryParse(entry, out _, out var why));
        Assert.Contains(reason, why);
    }

    [Fact]
    public void Contains_MixedSet_MatchesRangesAndMappedAddresses()
    {
        var set = IpRangeSet.Parse(["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"], out var invalid);

        Assert.Empty(invalid);
        Assert.True(set.Contains(IPAddress.Parse("10.200.3.4")));
        Assert.True(set.Contains(IPAddress.Parse("::ffff:10.1.1.1")));
        Assert.True(set.Contains(IPAddress.Parse("2001:db8:1::5")));
        Assert.True(set.Contains(IPAddress.Parse("192.0.2.7")));
        Assert.False(set.Contains(IPAddress.Parse("192.0.2.8")));
        Assert.False(set.Contains(IPAddress.Parse("11.0.0.1")));
    }
}
