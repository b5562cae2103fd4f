using System.Net;
using Berth.Discovery.Gateway;

namespace Berth.Gateway.Access;

/// <summary>An immutable set of IP addresses and CIDR ranges: a blacklist, or the proxies whose X-Forwarded-For is trusted.</summary>
public sealed class IpRangeSet
{
    private readonly IPNetwork[] _networks;

    private IpRangeSet(IPNetwork[] networks) => _networks = networks;

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
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
