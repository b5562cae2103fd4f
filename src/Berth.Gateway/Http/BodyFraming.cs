namespace Berth.Gateway.Http;

/// <summary>How the end of a message body is found.</summary>
internal enum BodyFraming
{
    /// <summary>No body (HEAD, 1xx, 204, 304, or no length on a request).</summary>
    None,

    /// <summary>Exactly Content-Length bytes.</summary>
    Fixed,

    /// <summary>Chunked transfer coding, relayed as is.</summary>
    Chunked,

    /// <summary>Until the sender closes the connection (a response with neither length nor chunking).</summary>
    UntilClose,
}
