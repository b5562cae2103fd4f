using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Gateway.Http2;

/// <summary>
/// Writes an HTTP/2 request as the HTTP/1.1 head an instance reads: the request line from the method and the
/// <c>:path</c>, <c>Host</c> from <c>:authority</c>, the client's headers minus connection-specific ones, Forwarded,
/// X-Real-IP and any X-Forwarded-* it made up (unless it is a trusted proxy), then the gateway's X-Forwarded-For/Proto/Host.
/// </summary>
internal static class UpstreamRequestWriter
{
    /// <summary>Writes the head; a body of unknown length goes chunked. Returns the head's length in bytes.</summary>
    public static int Write(PipeWriter output, HttpContext context, string peer, bool trusted, bool chunked)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.Path.Value + request.QueryString.Value;
        var written = Text(output, request.Method) + Text(output, " ") + Text(output, target) + Text(output, " HTTP/1.1\r\nHost: ") + Text(output, request.Host.Value ?? "");
        string? forwardedFor = null;
        var hasProto = false;
        var hasHost = false;
        foreach (var (name, values) in request.Headers)
        {
            if (IsSkipped(name))
            {
                continue;
            }

            var forwarded = ForwardedKind(name);
            if (forwarded == 1)
            {
                forwardedFor = trusted ? values.ToString() : null;
                continue;
            }

            if (forwarded > 1 && !trusted)
            {
                continue;
            }

            hasProto |= forwarded == 2;
            hasHost |= forwarded == 3;
            foreach (var value in values)
            {
                written += Text(output, "\r\n") + Text(output, name) + Text(output, ": ") + Text(output, value ?? "");
            }
        }

        if (chunked)
        {
            written += Text(output, "\r\nTransfer-Encoding: chunked");
        }

        written += Text(output, "\r\nX-Forwarded-For: ");
        if (!string.IsNullOrEmpty(forwardedFor))
        {
            written += Text(output, forwardedFor) + Text(output, ", ");
        }

        written += Text(output, peer);
        if (!hasProto)
        {
            written += Text(output, "\r\nX-Forwarded-Proto: https");
        }

        if (!hasHost && request.Host.HasValue)
        {
            written += Text(output, "\r\nX-Forwarded-Host: ") + Text(output, request.Host.Value!);
        }

        return written + Text(output, "\r\n\r\n");
    }

    /// <summary>
    /// Headers HTTP/2 carries elsewhere or that belong to one connection (RFC 9113 §8.2.2), the ones written above, and
    /// other names for the origin that the client could make up (dropped on HTTP/1.1 too).
    /// </summary>
    private static bool IsSkipped(string name) =>
        name.StartsWith(':')
        || name.Equals("forwarded", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-real-ip", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("proxy-connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("upgrade", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase);

    /// <summary>1 for X-Forwarded-For, 2 for -Proto, 3 for -Host, 0 otherwise.</summary>
    private static int ForwardedKind(string name) =>
        !name.StartsWith("x-forwarded-", StringComparison.OrdinalIgnoreCase) ? 0
        : name.Length == 15 && name.EndsWith("for", StringComparison.OrdinalIgnoreCase) ? 1
        : name.Length == 17 && name.EndsWith("proto", StringComparison.OrdinalIgnoreCase) ? 2
        : name.Length == 16 && name.EndsWith("host", StringComparison.OrdinalIgnoreCase) ? 3
        : 0;

    private static int Text(PipeWriter output, string text)
    {
        var span = output.GetSpan(text.Length);
        var length = Encoding.Latin1.GetBytes(text, span);
        output.Advance(length);
        return length;
    }
}
