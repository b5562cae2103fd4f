using System.Buffers;
using System.Net;
using System.Text;
using Berth.Gateway.Access;
using Berth.Gateway.Http;
using Berth.Gateway.Routing;

namespace Berth.Gateway.Proxy;

internal sealed partial class ClientSession
{
    private const int MaxHostLength = 300;

    /// <summary>The app the Host header names, decoded on the stack.</summary>
    private AppRoute? Resolve(RouteTable table)
    {
        var host = RequestBytes[_request.Host];
        if (host.IsEmpty || host.Length > MaxHostLength)
        {
            return null;
        }

        Span<char> chars = stackalloc char[host.Length];
        var length = Encoding.Latin1.GetChars(host, chars);
        return table.Resolve(chars[..length], _services.DomainSuffix);
    }

    /// <summary>
    /// The client for access checks: the connection's address, or — when that is a trusted proxy that sent
    /// X-Forwarded-For — the rightmost address in it that is not itself a trusted proxy (the leftmost when all are).
    /// False when a trusted proxy's header cannot be read whole: an entry that does not parse, or the header on more
    /// than one line. The request is then refused; it never falls back to the proxy's own address, which would let
    /// padding or garbage in the header slip past a blacklist.
    /// </summary>
    private bool TryClientAddress(out IPAddress? client)
    {
        client = _peer;
        if (!_peerTrusted || _request.ForwardedFor.Equals(default(Range)))
        {
            return true;
        }

        if (_request.ForwardedForRepeated)
        {
            return false;
        }

        var rest = RequestBytes[_request.ForwardedFor];
        while (true)
        {
            var comma = rest.LastIndexOf((byte)',');
            if (!ForwardedAddress.TryParse(HttpChars.TrimWhitespace(rest[(comma + 1)..]), out var hop))
            {
                client = null;
                return false;
            }

            client = hop;
            if (comma < 0 || !_services.TrustedProxies.Contains(hop!))
            {
                return true;
            }

            rest = rest[..comma];
        }
    }

    /// <summary>
    /// Writes the request head for the instance: the request line and headers as the client sent them (Host included,
    /// so apps see their public name), minus hop-by-hop headers, any X-Forwarded-* the client made up and any
    /// Forwarded or X-Real-IP (which the gateway does not check, so an app must not believe them), plus the gateway's
    /// X-Forwarded-For/Proto/Host. Returns the bytes the client sent for the head.
    /// </summary>
    private int WriteRequestHead(System.IO.Pipelines.PipeWriter output)
    {
        var head = RequestBytes;
        var trusted = _peerTrusted;
        var position = head.IndexOf(HttpChars.Crlf) + 2;
        var runStart = 0;
        var hasProto = false;
        var hasHost = false;
        while (true)
        {
            var length = head[position..].IndexOf(HttpChars.Crlf);
            if (length == 0)
            {
                break;
            }

            var line = head.Slice(position, length);
            var kind = HeaderNames.Classify(line[..line.IndexOf((byte)':')]);
            hasProto |= kind == HeaderName.XForwardedProto;
            hasHost |= kind == HeaderName.XForwardedHost;
            var drop = kind switch
            {
                HeaderName.XForwardedFor or HeaderName.Forwarded or HeaderName.XRealIp => true,
                HeaderName.XForwardedProto or HeaderName.XForwardedHost => !trusted,
                HeaderName.KeepAlive or HeaderName.ProxyConnection => true,
                HeaderName.Connection or HeaderName.Upgrade => !_request.IsUpgrade,
                HeaderName.Expect => _request.ExpectContinue,
                _ => false,
            };
            if (drop)
            {
                output.Write(head[runStart..position]);
                runStart = position + length + 2;
            }

            position += length + 2;
        }

        output.Write(head[runStart..position]);
        output.Write("X-Forwarded-For: "u8);
        if (trusted && !head[_request.ForwardedFor].IsEmpty)
        {
            output.Write(head[_request.ForwardedFor]);
            output.Write(", "u8);
        }

        output.Write(_peerText);
        if (!(trusted && hasProto))
        {
            output.Write(_secure ? "\r\nX-Forwarded-Proto: https"u8 : "\r\nX-Forwarded-Proto: http"u8);
        }

        if (!(trusted && hasHost) && !head[_request.Host].IsEmpty)
        {
            output.Write("\r\nX-Forwarded-Host: "u8);
            output.Write(head[_request.Host]);
        }

        output.Write("\r\n\r\n"u8);
        return head.Length;
    }

    /// <summary>
    /// Writes the instance's response head for the client: as received, minus hop-by-hop connection headers (the
    /// gateway manages each side's connection itself), plus <c>Connection: close</c> when the client connection ends.
    /// A 101 keeps its Connection and Upgrade headers. With <paramref name="hsts"/> (the app's HSTS over TLS) that line
    /// replaces any Strict-Transport-Security of the instance's own, so clients see one. Returns the bytes written.
    /// </summary>
    private int WriteResponseHead(bool close, bool upgrade, byte[]? hsts)
    {
        var head = ResponseBytes;
        if (upgrade)
        {
            _output.Write(head);
            return head.Length;
        }

        var written = 0;
        var position = head.IndexOf(HttpChars.Crlf) + 2;
        var runStart = 0;
        while (true)
        {
            var length = head[position..].IndexOf(HttpChars.Crlf);
            if (length == 0)
            {
                break;
            }

            var line = head.Slice(position, length);
            var kind = HeaderNames.Classify(line[..line.IndexOf((byte)':')]);
            if (kind is HeaderName.Connection or HeaderName.KeepAlive or HeaderName.ProxyConnection || (kind == HeaderName.StrictTransportSecurity && hsts is not null))
            {
                _output.Write(head[runStart..position]);
                written += position - runStart;
                runStart = position + length + 2;
            }

            position += length + 2;
        }

        _output.Write(head[runStart..position]);
        written += position - runStart;
        if (hsts is not null)
        {
            _output.Write(hsts);
            written += hsts.Length;
        }

        var ending = close ? "Connection: close\r\n\r\n"u8 : "\r\n"u8;
        _output.Write(ending);
        return written + ending.Length;
    }
}
