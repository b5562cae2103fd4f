namespace Berth.Gateway.Proxy;

/// <summary>How reading an upstream response head ended.</summary>
internal enum HeadRead
{
    Ok,

    /// <summary>The connection ended (or broke) before a single byte of answer.</summary>
    NoBytes,

    TimedOut,

    /// <summary>Not a response head the gateway can relay, or the connection ended inside it.</summary>
    Malformed,
}
