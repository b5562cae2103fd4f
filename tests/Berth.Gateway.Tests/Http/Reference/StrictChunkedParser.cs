namespace Berth.Gateway.Tests.Http.Reference;

/// <summary>
/// RFC 9112 §7.1 chunked-body, transcribed for differential tests of the gateway's streaming parser:
/// <code>
/// chunked-body   = *chunk last-chunk trailer-section CRLF
/// chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
/// chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
/// chunk-ext-val  = token / quoted-string
/// trailer-section = *( field-line CRLF )
/// </code>
/// One limit of the gateway's is part of it: a chunk size of 2^59 or more is refused.
/// </summary>
internal static class StrictChunkedParser
{
    /// <summary>The body's length, or <see cref="Invalid"/>, or <see cref="Incomplete"/>.</summary>
    public const int Invalid = -1;

    public const int Incomplete = -2;

    public static int Parse(ReadOnlySpan<byte> input)
    {
        var cursor = new StrictCursor(input);
        try
        {
            while (true)
            {
                var size = ChunkSize(ref cursor);
                ChunkExtensions(ref cursor);
                cursor.Crlf();
                if (size == 0)
                {
                    break;
                }

                if (input.Length - cursor.Position < size)
                {
                    return Incomplete;
                }

                cursor.Position += (int)size;
                cursor.Crlf();
            }

            while (cursor.Peek() != '\r')
            {
                FieldLine(ref cursor);
                cursor.Crlf();
            }

            cursor.Crlf();
            return cursor.Position;
        }
        catch (IncompleteInputException)
        {
            return Incomplete;
        }
        catch (InvalidInputException)
        {
            return Invalid;
        }
    }

    private static long ChunkSize(ref StrictCursor cursor)
    {
        long size = 0;
        var digits = 0;
        while (Uri.IsHexDigit((char)cursor.Peek()))
        {
            size = (size * 16) + Convert.ToInt32(((char)cursor.Next()).ToString(), 16);
            digits++;
            if (size >= 1L << 59)
            {
                throw new InvalidInputException();
            }
        }

        return digits > 0 ? size : throw new InvalidInputException();
    }

    private static void ChunkExtensions(ref StrictCursor cursor)
    {
        while (true)
        {
            var beforeSpace = cursor.Position;
            cursor.SkipWhitespace();
            if (cursor.Peek() != ';')
            {
                cursor.Position = beforeSpace;
                return;
            }

            cursor.Next();
            cursor.SkipWhitespace();
            cursor.Token();
            var afterName = cursor.Position;
            cursor.SkipWhitespace();
            if (cursor.Peek() != '=')
            {
                cursor.Position = afterName;
                continue;
            }

            cursor.Next();
            cursor.SkipWhitespace();
            if (cursor.Peek() == '"')
            {
                QuotedString(ref cursor);
            }
            else
            {
                cursor.Token();
            }
        }
    }

    /// <summary>DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4).</summary>
    private static void QuotedString(ref StrictCursor cursor)
    {
        cursor.Expect((byte)'"');
        while (true)
        {
            var b = cursor.Next();
            if (b == '"')
            {
                return;
            }

            var escaped = b == '\\';
            if (escaped)
            {
                b = cursor.Next();
            }

            var allowed = escaped
                ? b is (byte)'\t' or (byte)' ' || StrictCursor.IsVisible(b)
                : b is (byte)'\t' or (byte)' ' or 0x21 || b is >= 0x23 and <= 0x5b || b is >= 0x5d and <= 0x7e || b >= 0x80;
            if (!allowed)
            {
                throw new InvalidInputException();
            }
        }
    }

    /// <summary>field-name ":" OWS field-value OWS, the value's bytes being VCHAR, obs-text, SP or HTAB.</summary>
    private static void FieldLine(ref StrictCursor cursor)
    {
        cursor.Token();
        cursor.Expect((byte)':');
        while (cursor.Peek() != '\r')
        {
            var b = cursor.Next();
            if (!(b is (byte)' ' or (byte)'\t' || StrictCursor.IsVisible(b)))
            {
                throw new InvalidInputException();
            }
        }
    }
}
