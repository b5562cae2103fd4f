using Berth.ZooKeeper.Connection;

namespace Berth.ZooKeeper.Tests;

public sealed class ConnectStringTests
{
    [Fact]
    public void Parse_HostsAndChroot_Split()
    {
        var parsed = ConnectString.Parse("zk1:2182,zk2,[::1]:2183/berth/x");

        Assert.Equal([("zk1", 2182), ("zk2", 2181), ("::1", 2183)], parsed.Hosts.Select(h => (h.Host, h.Port)));
        Assert.Equal("/berth/x", parsed.Chroot);
        Assert.Equal("/berth/x", parsed.ToServer("/"));
        Assert.Equal("/berth/x/a", parsed.ToServer("/a"));
        Assert.Equal("/a", parsed.ToClient("/berth/x/a"));
        Assert.Equal("/", parsed.ToClient("/berth/x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("zk1:notaport")]
    [InlineData("zk1:70000")]
    [InlineData(":2181")]
    [InlineData("zk1/bad//chroot")]
    public void Parse_Invalid_ThrowsArgumentException(string value)
    {
        Assert.ThrowsAny<ArgumentException>(() => ConnectString.Parse(value));
    }
}
