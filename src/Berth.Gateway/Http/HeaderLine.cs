namespace Berth.Gateway.Http;

/// <summary>One <c>name: value</c> line of a message head.</summary>
internal static class HeaderLine
{
    /// <summary>
    /// Splits a header line (without its CRLF) into a token name and a trimmed value; false for anything RFC 9112
    /// forbids: whitespace before the colon, obsolete line folding, control bytes in the value.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out int valueOffset)
    {
        value = default;
        valueOffset = 0;
        var colon = line.IndexOf((byte)':');
        name = colon > 0 ? line[..colon] : default;
        if (colon <= 0 || name.IndexOfAnyExcept(HttpChars.Token) >= 0)
        {
            return false;
        }

        var raw = line[(colon + 1)..];
        value = HttpChars.TrimWhitespace(raw);
        valueOffset = colon + 1 + (value.IsEmpty ? 0 : raw.IndexOf(value[0]));
        return value.IndexOfAny(HttpChars.Controls) < 0;
    }
}
