namespace Berth.Gateway.Http;

/// <summary>The parsed head of one upstream response; one instance per client connection, reset per response.</summary>
internal sealed class ResponseHead
{
    public int StatusCode { get; set; }

    public bool IsHttp11 { get; set; }

    /// <summary>The Content-Length, or -1 when absent.</summary>
    public long ContentLength { get; set; }

    public bool Chunked { get; set; }

    /// <summary>A Transfer-Encoding other than plain chunked: the body runs until the upstream closes.</summary>
    public bool OtherCoding { get; set; }

    public bool ConnectionClose { get; set; }

    public bool ConnectionKeepAlive { get; set; }

    /// <summary>1xx other than 101: an interim answer, the final one follows.</summary>
    public bool IsInterim => StatusCode is >= 100 and < 200 and not 101;

    public void Reset()
    {
        StatusCode = 0;
        IsHttp11 = Chunked = OtherCoding = ConnectionClose = ConnectionKeepAlive = false;
        ContentLength = -1;
    }

    /// <summary>How the body ends (RFC 9112 §6.3), given whether the request was HEAD.</summary>
    public BodyFraming Framing(bool headRequest) =>
        headRequest || StatusCode is < 200 or 204 or 304 ? BodyFraming.None
        : Chunked ? BodyFraming.Chunked
        : OtherCoding ? BodyFraming.UntilClose
        : ContentLength >= 0 ? (ContentLength == 0 ? BodyFraming.None : BodyFraming.Fixed)
        : BodyFraming.UntilClose;

    /// <summary>Whether the upstream connection may carry another request once this response is read.</summary>
    public bool Reusable => (IsHttp11 ? !ConnectionClose : ConnectionKeepAlive) && !OtherCoding;
}
