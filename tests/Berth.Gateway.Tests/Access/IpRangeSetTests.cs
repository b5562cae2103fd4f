using System.Net;
using Berth.Gateway.Access;
using CsCheck;

namespace Berth.Gateway.Tests.Access;

public sealed class IpRangeSetTests
{
    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("11.0.0.0", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("192.168.1.2", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("::1", false)]
    [InlineData("0.0.0.0", false)]
    public void Contains_RangesOfBothFamilies_MembersOnly(string address, bool expected)
    {
        var set = IpRangeSet.Parse(["10.0.0.0/8", "10.2.0.0/16", "192.168.1.1", "2001:db8::/32"], out _);

        Assert.Equal(expected, set.Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Contains_WholeSpaces_Everything()
    {
        var set = IpRangeSet.Parse(["0.0.0.0/0", "::/0"], out _);

        Assert.True(set.Contains(IPAddress.Parse("255.255.255.255")));
        Assert.True(set.Contains(IPAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    }

    /// <summary>The sorted intervals answer as a scan of every range does, whatever the ranges overlap.</summary>
    [Fact]
    public void Contains_RandomRanges_SameAsLinearScan()
    {
        var network = Gen.Select(Gen.UInt, Gen.Int[8, 32], (bits, prefix) => new IPNetwork(Mask(bits, prefix), prefix));
        Gen.Select(network.Array[1, 60], Gen.UInt.Array[50]).Sample((networks, probes) =>
        {
            var set = IpRangeSet.Parse(networks.Select(n => n.ToString()), out var invalid);
            Assert.Empty(invalid);
            foreach (var probe in probes.Concat(networks.SelectMany(n => Edges(n))))
            {
                var address = new IPAddress(BitConverter.GetBytes(probe).Reverse().ToArray());
                Assert.Equal(networks.Any(n => n.Contains(address)), set.Contains(address));
            }
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void Contains_TenThousandEntries_NoAllocation()
    {
        var set = IpRangeSet.Parse(Enumerable.Range(0, 10_000).Select(i => $"10.{i / 256}.{i % 256}.0/24"), out _);
        var inside = IPAddress.Parse("10.39.15.7");
        var outside = IPAddress.Parse("203.0.113.7");
        Assert.True(set.Contains(inside));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = set.Contains(inside) && !set.Contains(outside);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(found);
        Assert.Equal(0, allocated);
    }

    private static IPAddress Mask(uint bits, int prefix)
    {
        var masked = prefix == 32 ? bits : bits & ~(uint.MaxValue >> prefix);
        return new IPAddress(BitConverter.GetBytes(masked).Reverse().ToArray());
    }

    /// <summary>The first and last address of a range and their outer neighbours.</summary>
    private static IEnumerable<uint> Edges(IPNetwork network)
    {
        var first = BitConverter.ToUInt32(network.BaseAddress.GetAddressBytes().Reverse().ToArray());
        var last = first | (network.PrefixLength == 32 ? 0 : uint.MaxValue >> network.PrefixLength);
        return [first, last, first - 1, last + 1];
    }
}
