using System.Text;

namespace Berth.Gateway.Http;

/// <summary>Parses an upstream status line and the framing headers; the rest of the head is relayed as is.</summary>
internal static class ResponseHeadParser
{
    /// <summary>
    /// False for a head the gateway cannot relay safely (the client then gets 502): among others Transfer-Encoding in
    /// HTTP/1.0, or with a Content-Length (RFC 9112 §6.1, §6.3: the client behind the gateway could frame it either way).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> head, ResponseHead response)
    {
        response.Reset();
        var lineEnd = head.IndexOf(HttpChars.Crlf);

        // "HTTP/1.1 200" at least; the reason phrase may be empty or absent.
        if (lineEnd < 12 || !head.StartsWith("HTTP/1."u8) || head[7] is not ((byte)'0' or (byte)'1') || head[8] != ' '
            || !HttpChars.TryParseLength(head.Slice(9, 3), out var status) || status is < 100 or > 999 || (lineEnd > 12 && head[12] != ' '))
        {
            return false;
        }

        response.IsHttp11 = head[7] == '1';
        response.StatusCode = (int)status;
        var position = lineEnd + 2;
        while (true)
        {
            var length = head[position..].IndexOf(HttpChars.Crlf);
            if (length < 0)
            {
                return false;
            }

            if (length == 0)
            {
                return !((response.Chunked || response.OtherCoding) && (!response.IsHttp11 || response.ContentLength >= 0));
            }

            if (!HeaderLine.TrySplit(head.Slice(position, length), out var name, out var value, out _))
            {
                return false;
            }

            switch (HeaderNames.Classify(name))
            {
                case HeaderName.ContentLength:
                    if (!HttpChars.TryParseLength(value, out var contentLength) || (response.ContentLength >= 0 && response.ContentLength != contentLength))
                    {
                        return false;
                    }

                    response.ContentLength = contentLength;
                    break;
                case HeaderName.TransferEncoding:
                    var last = value.LastIndexOf((byte)',');
                    var chunked = Ascii.EqualsIgnoreCase(HttpChars.TrimWhitespace(last < 0 ? value : value[(last + 1)..]), "chunked"u8);
                    // The last coding decides the framing: chunked bodies are relayed chunk by chunk, whatever lies inside.
                    response.Chunked = chunked;
                    response.OtherCoding = !chunked;
                    break;
                case HeaderName.Connection:
                    response.ConnectionClose |= HttpChars.ListContains(value, "close"u8);
                    response.ConnectionKeepAlive |= HttpChars.ListContains(value, "keep-alive"u8);
                    break;
            }

            position += length + 2;
        }
    }
}
