namespace Berth.Gateway.Http;

/// <summary>
/// The parsed head of one client request, as offsets into the head bytes it was parsed from. One instance per client
/// connection, reset for every request, so parsing allocates nothing.
/// </summary>
internal sealed class RequestHead
{
    public Range Method { get; set; }

    public Range Target { get; set; }

    /// <summary>The Host header value; empty range when absent (only legal for HTTP/1.0).</summary>
    public Range Host { get; set; }

    /// <summary>The last X-Forwarded-For value the client sent; empty range when none.</summary>
    public Range ForwardedFor { get; set; }

    /// <summary>X-Forwarded-For came on more than one line (a trusted proxy appends to one).</summary>
    public bool ForwardedForRepeated { get; set; }

    /// <summary>X-Forwarded-For, Forwarded or X-Real-IP is present: someone says the request comes from elsewhere.</summary>
    public bool NamesOrigin { get; set; }

    /// <summary>The Authorization header value; empty range when absent.</summary>
    public Range Authorization { get; set; }

    public bool IsHttp11 { get; set; }

    public bool IsHead { get; set; }

    /// <summary>GET, HEAD, OPTIONS, PUT, DELETE or TRACE: repeating the request does no harm.</summary>
    public bool IsIdempotent { get; set; }

    /// <summary>The Content-Length, or -1 when absent.</summary>
    public long ContentLength { get; set; }

    public bool Chunked { get; set; }

    /// <summary>The client asked to close the connection after this exchange.</summary>
    public bool ConnectionClose { get; set; }

    /// <summary>Connection lists <c>upgrade</c> and an Upgrade header is present: a WebSocket or other protocol switch.</summary>
    public bool IsUpgrade { get; set; }

    public bool ExpectContinue { get; set; }

    public bool HasBody => Chunked || ContentLength > 0;

    /// <summary>Whether the client connection may carry another request after this one.</summary>
    public bool KeepAlive => IsHttp11 && !ConnectionClose;

    public void Reset()
    {
        Method = Target = Host = ForwardedFor = Authorization = default;
        IsHttp11 = IsHead = IsIdempotent = Chunked = ConnectionClose = IsUpgrade = ExpectContinue = ForwardedForRepeated = NamesOrigin = false;
        ContentLength = -1;
    }
}
