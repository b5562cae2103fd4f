using System.Text;

namespace Berth.Gateway.Http;

/// <summary>
/// Parses a request head strictly enough to forward it safely: one framing (Content-Length or chunked, never both or
/// two different lengths), one Host, CRLF line ends, token names, no control bytes, HTTP/1.0 or 1.1 only.
/// </summary>
internal static class RequestHeadParser
{
    /// <summary>Parses <paramref name="head"/> (request line to the empty line, inclusive) into <paramref name="request"/>.</summary>
    public static HeadError Parse(ReadOnlySpan<byte> head, RequestHead request)
    {
        request.Reset();
        var lineEnd = head.IndexOf(HttpChars.Crlf);
        if (lineEnd <= 0)
        {
            return HeadError.BadRequest;
        }

        var error = ParseRequestLine(head[..lineEnd], request);
        if (error != HeadError.None)
        {
            return error;
        }

        var hostCount = 0;
        var hasUpgradeHeader = false;
        var connectionUpgrade = false;
        var forwardedForLines = 0;
        var position = lineEnd + 2;
        while (true)
        {
            var length = head[position..].IndexOf(HttpChars.Crlf);
            if (length < 0)
            {
                return HeadError.BadRequest;
            }

            if (length == 0)
            {
                break;
            }

            if (!HeaderLine.TrySplit(head.Slice(position, length), out var name, out var value, out var valueOffset))
            {
                return HeadError.BadRequest;
            }

            var valueRange = new Range(position + valueOffset, position + valueOffset + value.Length);
            switch (HeaderNames.Classify(name))
            {
                case HeaderName.Host:
                    hostCount++;
                    request.Host = valueRange;
                    break;
                case HeaderName.ContentLength:
                    if (!HttpChars.TryParseLength(value, out var contentLength) || (request.ContentLength >= 0 && request.ContentLength != contentLength))
                    {
                        return HeadError.BadRequest;
                    }

                    request.ContentLength = contentLength;
                    break;
                case HeaderName.TransferEncoding:
                    // HTTP/1.0 has no transfer codings (RFC 9112 §6.1): a 1.0 recipient behind us would frame by
                    // Content-Length or by close, so the body's end would differ.
                    if (!request.IsHttp11)
                    {
                        return HeadError.BadRequest;
                    }

                    // Only plain chunked is relayed; any other coding would need decoding to find the body's end.
                    if (request.Chunked || !Ascii.EqualsIgnoreCase(value, "chunked"u8))
                    {
                        return HeadError.NotImplemented;
                    }

                    request.Chunked = true;
                    break;
                case HeaderName.Connection:
                    request.ConnectionClose |= HttpChars.ListContains(value, "close"u8);
                    connectionUpgrade |= HttpChars.ListContains(value, "upgrade"u8);
                    break;
                case HeaderName.Upgrade:
                    hasUpgradeHeader = !value.IsEmpty;
                    break;
                case HeaderName.Expect:
                    request.ExpectContinue = Ascii.EqualsIgnoreCase(value, "100-continue"u8);
                    break;
                case HeaderName.XForwardedFor:
                    forwardedForLines++;
                    request.ForwardedFor = valueRange;
                    request.NamesOrigin = true;
                    break;
                case HeaderName.Forwarded or HeaderName.XRealIp:
                    request.NamesOrigin = true;
                    break;
                case HeaderName.Authorization:
                    request.Authorization = valueRange;
                    break;
            }

            position += length + 2;
        }

        // Both framings at once is the classic request-smuggling vector: refuse rather than pick one.
        if ((request.Chunked && request.ContentLength >= 0) || hostCount > 1 || (hostCount == 0 && request.IsHttp11))
        {
            return HeadError.BadRequest;
        }

        // A protocol switch is an HTTP/1.1 mechanism; an HTTP/1.0 request's Upgrade is ignored (RFC 9110 §7.8).
        request.ForwardedForRepeated = forwardedForLines > 1;
        request.IsUpgrade = connectionUpgrade && hasUpgradeHeader && request.IsHttp11;
        return HeadError.None;
    }

    private static HeadError ParseRequestLine(ReadOnlySpan<byte> line, RequestHead request)
    {
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        {
            return HeadError.BadRequest;
        }

        var method = line[..firstSpace];
        var target = line[(firstSpace + 1)..lastSpace];
        var version = line[(lastSpace + 1)..];
        if (method.IndexOfAnyExcept(HttpChars.Token) >= 0 || target.IndexOfAny(HttpChars.NotInTarget) >= 0)
        {
            return HeadError.BadRequest;
        }

        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            request.IsHttp11 = true;
        }
        else if (!version.SequenceEqual("HTTP/1.0"u8))
        {
            return version.StartsWith("HTTP/"u8) ? HeadError.VersionNotSupported : HeadError.BadRequest;
        }

        request.Method = ..firstSpace;
        request.Target = (firstSpace + 1)..lastSpace;
        request.IsHead = method.SequenceEqual("HEAD"u8);
        request.IsIdempotent = request.IsHead || method.SequenceEqual("GET"u8) || method.SequenceEqual("PUT"u8)
            || method.SequenceEqual("DELETE"u8) || method.SequenceEqual("OPTIONS"u8) || method.SequenceEqual("TRACE"u8);
        return HeadError.None;
    }
}
