using System.Net;
using System.Net.Sockets;

namespace Berth.Discovery.Gateway;

/// <summary>Blacklist entries: an IPv4 or IPv6 address, or a CIDR range such as <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>.</summary>
public static class IpRanges
{
    /// <summary>Parses one entry into a network (a single address is a full-length prefix), or gives a reason.</summary>
    public static bool TryParse(string? text, out IPNetwork network, out string reason)
    {
        network = default;
        var entry = (text ?? "").Trim();
        var slash = entry.IndexOf('/');
        var addressText = slash < 0 ? entry : entry[..slash];
        if (entry.Contains('%') || !IPAddress.TryParse(addressText, out var address) || !IsCanonicalV4(addressText, address))
        {
            reason = $"'{entry}' is not an IP address or CIDR range such as 10.0.0.0/8";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(entry.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out prefix) || prefix > maxPrefix))
        {
            reason = $"'{entry}' has a prefix length outside 0-{maxPrefix}";
            return false;
        }

        // Host bits past the prefix are a typo more often than not: ask rather than silently widen the range.
        network = new IPNetwork(Mask(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            reason = $"'{entry}' has bits set past its /{prefix} prefix; did you mean {network}?";
            network = default;
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>The canonical text of a network: a bare address for a single host, the CIDR form otherwise.</summary>
    public static string Format(IPNetwork network) =>
        network.PrefixLength == (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            ? network.BaseAddress.ToString()
            : network.ToString();

    /// <summary>Dotted quads only: <c>IPAddress</c> also reads legacy forms such as <c>127.1</c>, which nobody means in a blacklist.</summary>
    private static bool IsCanonicalV4(string text, IPAddress address) =>
        address.AddressFamily != AddressFamily.InterNetwork || address.ToString() == text;

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
