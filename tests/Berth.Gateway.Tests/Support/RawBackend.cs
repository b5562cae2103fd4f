using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.Gateway.Tests.Support;

/// <summary>
/// An instance that speaks bytes, not HTTP, for answers a real server will not give: it accepts connections, reads
/// each request head and writes <see cref="Answer"/>, then keeps the connection open, sending nothing more, until the
/// gateway closes it or the backend is disposed. It counts the connections the gateway closed.
/// </summary>
internal sealed class RawBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _closedByGateway;

    private RawBackend(string answer)
    {
        Answer = answer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>What every request gets, byte for byte.</summary>
    public string Answer { get; }

    /// <summary><c>127.0.0.1:{port}</c>, the form registered in discovery.</summary>
    public string Address => ((IPEndPoint)_listener.LocalEndpoint).ToString();

    public int ClosedByGateway => Volatile.Read(ref _closedByGateway);

    public static RawBackend Start(string answer) => new(answer);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                connections.Add(ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var head = new List<byte>();
        var buffer = new byte[1];
        try
        {
            while (!EndsWithEmptyLine(head))
            {
                if (await stream.ReadAsync(buffer, _stop.Token) == 0)
                {
                    return;
                }

                head.Add(buffer[0]);
            }

            await stream.WriteAsync(Encoding.Latin1.GetBytes(Answer), _stop.Token);

            // One byte at a time: the gateway's close shows as the end of the stream or a reset.
            if (await stream.ReadAsync(buffer, _stop.Token) == 0)
            {
                Interlocked.Increment(ref _closedByGateway);
            }
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _closedByGateway);
        }
        catch (OperationCanceledException)
        {
            // Disposed while the gateway still held the connection.
        }
    }

    private static bool EndsWithEmptyLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
