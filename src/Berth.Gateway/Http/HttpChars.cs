using System.Buffers;

namespace Berth.Gateway.Http;

/// <summary>The byte classes of RFC 9110/9112 the parsers check against (vectorized searches).</summary>
internal static class HttpChars
{
    /// <summary>tchar: the bytes of a method or header name.</summary>
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>Control bytes other than horizontal tab: never allowed in a header value or request target.</summary>
    public static readonly SearchValues<byte> Controls = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    /// <summary>
    /// Never in a request target: control bytes, and space and horizontal tab too (a back end that splits the request
    /// line on any whitespace would read another target and version).
    /// </summary>
    public static readonly SearchValues<byte> NotInTarget = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 127]);

    public static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    public static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>Trims spaces and tabs on both sides (optional whitespace around a header value).</summary>
    public static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && value[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        var end = value.Length;
        while (end > start && value[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return value[start..end];
    }

    /// <summary>Parses a non-negative decimal of digits only (no sign, no spaces) that fits a long.</summary>
    public static bool TryParseLength(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18 || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        foreach (var digit in digits)
        {
            value = (value * 10) + (digit - '0');
        }

        return true;
    }

    /// <summary>True when a comma-separated header value lists <paramref name="token"/> (case-insensitive).</summary>
    public static bool ListContains(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        while (!list.IsEmpty)
        {
            var comma = list.IndexOf((byte)',');
            var item = TrimWhitespace(comma < 0 ? list : list[..comma]);
            if (System.Text.Ascii.EqualsIgnoreCase(item, token))
            {
                return true;
            }

            list = comma < 0 ? default : list[(comma + 1)..];
        }

        return false;
    }
}
