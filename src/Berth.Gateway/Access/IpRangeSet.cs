using System.Buffers.Binary;
using System.Net;
using Berth.Discovery.Gateway;

namespace Berth.Gateway.Access;

/// <summary>
/// An immutable set of IP addresses and CIDR ranges: a blacklist, or the proxies whose X-Forwarded-For is trusted.
/// The ranges are kept as sorted, merged [first, last] intervals per family, so a lookup is a binary search without
/// allocating, whatever the number of entries (a blacklist of ten thousand is checked on every request).
/// </summary>
internal sealed class IpRangeSet
{
    private readonly IPNetwork[] _networks;
    private readonly AddressIntervals<uint> _v4;
    private readonly AddressIntervals<UInt128> _v6;

    private IpRangeSet(IPNetwork[] networks)
    {
        _networks = networks;
        _v4 = new AddressIntervals<uint>(networks.Where(n => n.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).Select(V4Interval));
        _v6 = new AddressIntervals<UInt128>(networks.Where(n => n.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6).Select(V6Interval));
    }

    /// <summary>The set that contains nothing.</summary>
    public static IpRangeSet Empty { get; } = new([]);

    /// <summary>True when no address is in the set, so callers can skip the check.</summary>
    public bool IsEmpty => _networks.Length == 0;

    /// <summary>The entries in canonical form.</summary>
    public IReadOnlyList<string> Entries => [.. _networks.Select(IpRanges.Format)];

    /// <summary>Parses entries (see <see cref="IpRanges"/>); entries that do not parse go to <paramref name="invalid"/>.</summary>
    public static IpRangeSet Parse(IEnumerable<string> entries, out IReadOnlyList<string> invalid)
    {
        var networks = new List<IPNetwork>();
        var bad = new List<string>();
        foreach (var entry in entries)
        {
            if (IpRanges.TryParse(entry, out var network, out _))
            {
                networks.Add(network);
            }
            else
            {
                bad.Add(entry);
            }
        }

        invalid = bad;
        return networks.Count == 0 ? Empty : new IpRangeSet([.. networks]);
    }

    /// <summary>True when the address is in one of the ranges; an IPv4 address seen as IPv6 (<c>::ffff:a.b.c.d</c>) counts as IPv4.</summary>
    public bool Contains(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var length))
        {
            return false;
        }

        if (length == 4)
        {
            return _v4.Contains(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        return address.IsIPv4MappedToIPv6
            ? _v4.Contains(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]))
            : _v6.Contains(BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    private static (uint First, uint Last) V4Interval(IPNetwork network)
    {
        Span<byte> bytes = stackalloc byte[4];
        network.BaseAddress.TryWriteBytes(bytes, out _);
        var first = BinaryPrimitives.ReadUInt32BigEndian(bytes);

        // A shift by the type's width is a shift by 0 in C#, hence the test for a single host.
        var hostBits = network.PrefixLength == 32 ? 0u : uint.MaxValue >> network.PrefixLength;
        return (first, first | hostBits);
    }

    private static (UInt128 First, UInt128 Last) V6Interval(IPNetwork network)
    {
        Span<byte> bytes = stackalloc byte[16];
        network.BaseAddress.TryWriteBytes(bytes, out _);
        var first = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        var hostBits = network.PrefixLength == 128 ? UInt128.Zero : UInt128.MaxValue >> network.PrefixLength;
        return (first, first | hostBits);
    }
}
