using System.Net;

namespace Berth.Gateway.Access;

/// <summary>
/// One entry of X-Forwarded-For as proxies write it: <c>203.0.113.7</c>, <c>203.0.113.7:51234</c>, <c>2001:db8::1</c>,
/// <c>[2001:db8::1]</c> or <c>[2001:db8::1]:51234</c>. IPv4 only as a dotted quad without leading zeros, no zone
/// index: the legacy forms <c>IPAddress</c> also reads (<c>127.1</c>, octal <c>010.0.0.1</c>) would let one entry name
/// a different address to the gateway than to the app behind it.
/// </summary>
internal static class ForwardedAddress
{
    /// <summary>Longer than any address with brackets and a port.</summary>
    private const int MaxLength = 64;

    /// <summary>Reads one entry, already trimmed of spaces; false for anything else (an obfuscated identifier, <c>unknown</c>, garbage).</summary>
    public static bool TryParse(ReadOnlySpan<byte> entry, out IPAddress? address)
    {
        address = null;
        if (entry.IsEmpty || entry.Length > MaxLength || entry.Contains((byte)'%'))
        {
            return false;
        }

        ReadOnlySpan<byte> host;
        if (entry[0] == '[')
        {
            var close = entry.IndexOf((byte)']');
            if (close < 0 || !IsPortSuffix(entry[(close + 1)..], allowEmpty: true))
            {
                return false;
            }

            host = entry[1..close];
            return host.Contains((byte)':') && TryParseV6(host, out address);
        }

        var colon = entry.IndexOf((byte)':');
        if (colon >= 0 && entry[(colon + 1)..].IndexOf((byte)':') >= 0)
        {
            return TryParseV6(entry, out address);
        }

        host = colon < 0 ? entry : entry[..colon];
        return (colon < 0 || IsPortSuffix(entry[colon..], allowEmpty: false)) && TryParseV4(host, out address);
    }

    /// <summary><c>:</c> and a port of 1–5 digits, or nothing when <paramref name="allowEmpty"/>.</summary>
    private static bool IsPortSuffix(ReadOnlySpan<byte> suffix, bool allowEmpty)
    {
        if (suffix.IsEmpty)
        {
            return allowEmpty;
        }

        var digits = suffix[1..];
        return suffix[0] == ':' && digits.Length is >= 1 and <= 5 && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    private static bool TryParseV4(ReadOnlySpan<byte> text, out IPAddress? address)
    {
        address = null;
        Span<byte> bytes = stackalloc byte[4];
        for (var part = 0; part < 4; part++)
        {
            var dot = text.IndexOf((byte)'.');
            var digits = part < 3 ? (dot < 0 ? default : text[..dot]) : text;
            if (part == 3 && dot >= 0)
            {
                return false;
            }

            if (digits.IsEmpty || digits.Length > 3 || (digits.Length > 1 && digits[0] == '0')
                || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            {
                return false;
            }

            var value = 0;
            foreach (var digit in digits)
            {
                value = (value * 10) + (digit - '0');
            }

            if (value > 255)
            {
                return false;
            }

            bytes[part] = (byte)value;
            text = part < 3 ? text[(dot + 1)..] : default;
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static bool TryParseV6(ReadOnlySpan<byte> text, out IPAddress? address)
    {
        address = null;
        Span<char> chars = stackalloc char[MaxLength];
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (!(char.IsAsciiHexDigit((char)b) || b is (byte)':' or (byte)'.'))
            {
                return false;
            }

            chars[i] = (char)b;
        }

        if (!IPAddress.TryParse(chars[..text.Length], out var parsed) || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }
}
