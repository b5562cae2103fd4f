namespace Berth.Gateway;

/// <summary>What moves the gateway's bytes between sockets and its pipes, on both the client and the instance side.</summary>
public enum GatewayTransport
{
    /// <summary>Kestrel's socket transport (and its connection factory for instances).</summary>
    Sockets,

    /// <summary>
    /// The gateway's own edge-triggered epoll loops (Linux x64; elsewhere the sockets transport): reads only on
    /// readiness and takes a short read as "drained", saving the receive that returns EAGAIN on every request.
    /// </summary>
    Epoll,
}
