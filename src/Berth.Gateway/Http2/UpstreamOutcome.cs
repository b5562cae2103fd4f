namespace Berth.Gateway.Http2;

/// <summary>How one try of an HTTP/2 stream's exchange with an instance ended.</summary>
internal enum UpstreamOutcome
{
    /// <summary>Answered (or answered for by the gateway): the stream is done.</summary>
    Done,

    /// <summary>A pooled connection that turned out closed before anything came back: try a new one.</summary>
    StaleConnection,

    /// <summary>A new connection took the request and closed without a byte: the instance is unwell.</summary>
    NoResponse,
}
