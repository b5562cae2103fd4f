using System.Net;
using System.Net.Sockets;

namespace Berth.ZooKeeper.Tests;

/// <summary>
/// A loopback TCP forwarder between a client and the real ZooKeeper, so tests can cut a client's network: drop its
/// connections (it reconnects and keeps its session) or refuse every new one too (its owner looks dead to the server).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly Lock _lock = new();
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private volatile bool _refusing;

    public TcpProxy(int targetPort = TestZooKeeper.Port)
    {
        _targetPort = targetPort;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Closes every forwarded connection, as a network failure would; new connections are still forwarded.</summary>
    public void DropConnections()
    {
        lock (_lock)
        {
            foreach (var socket in _sockets)
            {
                socket.Close(0);
            }

            _sockets.Clear();
        }
    }

    /// <summary>While refusing, new connections are closed at once: the server is unreachable for the client.</summary>
    public void Refuse(bool refuse) => _refusing = refuse;

    /// <summary>Refuses from now on and drops what is connected: to the server, the client is dead.</summary>
    public void Cut()
    {
        Refuse(true);
        DropConnections();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
            // Stopping the listener ends the loop with an error by design.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptSocketAsync(_stop.Token);
            if (_refusing)
            {
                inbound.Close(0);
                continue;
            }

            var outbound = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                inbound.Close(0);
                outbound.Dispose();
                continue;
            }

            lock (_lock)
            {
                _sockets.Add(inbound);
                _sockets.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // One side went away; closing both below is all there is to do.
        }

        from.Close(0);
        to.Close(0);
    }
}
