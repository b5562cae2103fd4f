using System.Text;

namespace Berth.Gateway.Tests.Http.Reference;

/// <summary>
/// RFC 9112's request head, transcribed for differential tests of the gateway's parser, plus the framing rules a
/// proxy must hold a request to (RFC 9112 §3.2, §6.1–§6.3) and the gateway's policy limits:
/// <code>
/// request-line = method SP request-target SP HTTP-version CRLF
/// field-line   = field-name ":" OWS field-value OWS, then CRLF; an empty line ends the head
/// </code>
/// The request target is read leniently as 1*( VCHAR / obs-text ), as servers do. HTTP/1.0 and 1.1 only; one Host
/// (required in 1.1); Content-Length of at most 18 digits, repeated only with the same value; Transfer-Encoding only
/// as a single <c>chunked</c>, only in 1.1, never with Content-Length.
/// </summary>
internal static class StrictRequestHeadParser
{
    /// <summary>The head read, or null when it is refused (or incomplete: the input must be one whole head).</summary>
    public static StrictHead? Parse(ReadOnlySpan<byte> input)
    {
        var cursor = new StrictCursor(input);
        try
        {
            var head = Head(ref cursor);
            return cursor.Position == input.Length ? head : null;
        }
        catch (Exception e) when (e is IncompleteInputException or InvalidInputException)
        {
            return null;
        }
    }

    private static StrictHead Head(ref StrictCursor cursor)
    {
        cursor.Token();
        cursor.Expect((byte)' ');
        var targetStart = cursor.Position;
        while (StrictCursor.IsVisible(cursor.Peek()))
        {
            cursor.Next();
        }

        if (cursor.Position == targetStart)
        {
            throw new InvalidInputException();
        }

        cursor.Expect((byte)' ');
        var http11 = Version(ref cursor);
        cursor.Crlf();

        var hosts = new List<string>();
        var lengths = new List<string>();
        var codings = new List<string>();
        while (cursor.Peek() != '\r')
        {
            var name = Encoding.ASCII.GetString(cursor.Token()).ToLowerInvariant();
            cursor.Expect((byte)':');
            var valueStart = cursor.Position;
            while (cursor.Peek() != '\r')
            {
                var b = cursor.Next();
                if (!(b is (byte)' ' or (byte)'\t' || StrictCursor.IsVisible(b)))
                {
                    throw new InvalidInputException();
                }
            }

            var value = Encoding.Latin1.GetString(cursor.Slice(valueStart, cursor.Position)).Trim(' ', '\t');
            cursor.Crlf();
            (name switch
            {
                "host" => hosts,
                "content-length" => lengths,
                "transfer-encoding" => codings,
                _ => null,
            })?.Add(value);
        }

        cursor.Crlf();
        var values = lengths.Select(ContentLength).Distinct().ToList();
        if (hosts.Count > 1 || (http11 && hosts.Count == 0) || values.Count > 1 || codings.Count > 1
            || (codings.Count == 1 && (!http11 || lengths.Count > 0 || !codings[0].Equals("chunked", StringComparison.OrdinalIgnoreCase))))
        {
            throw new InvalidInputException();
        }

        return new StrictHead(http11, hosts.SingleOrDefault(), values.Count == 1 ? values[0] : -1, codings.Count == 1);
    }

    /// <summary>Content-Length = 1*DIGIT, at most 18 of them.</summary>
    private static long ContentLength(string value) =>
        value.Length is > 0 and <= 18 && value.All(char.IsAsciiDigit) ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidInputException();

    /// <summary>HTTP-version = "HTTP" "/" DIGIT "." DIGIT; true for 1.1, false for 1.0, refused otherwise.</summary>
    private static bool Version(ref StrictCursor cursor)
    {
        foreach (var b in "HTTP/1."u8)
        {
            cursor.Expect(b);
        }

        return cursor.Next() switch
        {
            (byte)'1' => true,
            (byte)'0' => false,
            _ => throw new InvalidInputException(),
        };
    }
}
