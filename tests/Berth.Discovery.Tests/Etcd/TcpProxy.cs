using System.Net;
using System.Net.Sockets;

namespace Berth.Discovery.Tests.Etcd;

/// <summary>A loopback TCP forwarder whose open connections can be cut, to break a client's streams on purpose.</summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;

    public TcpProxy(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's own endpoint, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Closes every connection made so far; new ones are still accepted.</summary>
    public void Cut()
    {
        lock (_open)
        {
            foreach (var client in _open)
            {
                // A reset rather than a graceful close, like a dead peer or a broken network.
                client.Client?.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>Stops accepting and cuts every connection, like a partition; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
                var outbound = new TcpClient();
                await outbound.ConnectAsync(_target, _stop.Token);
                lock (_open)
                {
                    _open.Add(inbound);
                    _open.Add(outbound);
                }

                _ = PipeAsync(inbound, outbound);
                _ = PipeAsync(outbound, inbound);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PipeAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Cut or stopped.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
