namespace Berth.Gateway;

/// <summary>What moves the gateway's bytes between its sockets and its readers and writers, on both the client and the instance side.</summary>
public enum GatewayTransport
{
    /// <summary>Kestrel's socket transport (and its connection factory for instances).</summary>
    Sockets,

    /// <summary>
    /// The gateway's own edge-triggered epoll loops (Linux x64; elsewhere the sockets transport): reads only on
    /// readiness and takes a short read as "drained" (no receive that returns EAGAIN), reads and sends in the proxy's
    /// own calls (no pipes), and keeps a client's instance connections on the client's loop.
    /// </summary>
    Epoll,
}
