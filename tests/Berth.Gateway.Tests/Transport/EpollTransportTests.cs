using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Gateway.Transport.Epoll;
using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Tests.Transport;

/// <summary>
/// The epoll transport on real loopback sockets. The gateway's suites run over it and over Kestrel's sockets (the
/// Epoll… and Sockets… classes beside this one); these pin down the edge cases an edge-triggered loop gets wrong.
/// </summary>
public sealed class EpollTransportTests : IAsyncDisposable
{
    private readonly EpollLoops _loops = new();

    [Fact]
    public async Task Connect_ToEpollListener_BytesCrossBothWaysPastTheSocketBuffers()
    {
        Assert.SkipUnless(EpollTransport.IsSupported, "epoll runs on Linux x64 only");
        var token = TestContext.Current.CancellationToken;
        await using var listener = await new EpollListenerFactory(_loops).BindAsync(new IPEndPoint(IPAddress.Loopback, 0), token);
        await using var client = await EpollConnector.ConnectAsync(_loops, 0, (IPEndPoint)listener.EndPoint, token);
        await using var server = (await listener.AcceptAsync(token))!;

        await client.Transport.Output.WriteAsync("ping"u8.ToArray(), token);
        Assert.Equal("ping", Encoding.ASCII.GetString(await ReadAsync(server.Transport.Input, 4, token)));

        // 8 MB is more than both socket buffers hold: the sender waits for EPOLLOUT and the reader's pipe pauses it.
        var big = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        var sending = server.Transport.Output.WriteAsync(big, token).AsTask();
        Assert.Equal(big, await ReadAsync(client.Transport.Input, big.Length, token));
        await sending;
    }

    [Fact]
    public async Task Accept_PeerSentAndClosedBeforehand_InputEndsAfterTheBytes()
    {
        Assert.SkipUnless(EpollTransport.IsSupported, "epoll runs on Linux x64 only");
        var token = TestContext.Current.CancellationToken;
        await using var listener = await new EpollListenerFactory(_loops).BindAsync(new IPEndPoint(IPAddress.Loopback, 0), token);
        using (var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await peer.ConnectAsync(listener.EndPoint, token);
            await peer.SendAsync("bye"u8.ToArray(), token);
            peer.Shutdown(SocketShutdown.Send);
        }

        // The bytes and the FIN arrive in one edge, and the first read is short: it must not wait for another edge.
        await using var server = (await listener.AcceptAsync(token))!;
        var input = server.Transport.Input;
        var bytes = new List<byte>();
        while (true)
        {
            var result = await input.ReadAsync(token);
            bytes.AddRange(result.Buffer.ToArray());
            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        Assert.Equal("bye", Encoding.ASCII.GetString([.. bytes]));
    }

    [Fact]
    public async Task Connect_NothingListens_ThrowsSocketException()
    {
        Assert.SkipUnless(EpollTransport.IsSupported, "epoll runs on Linux x64 only");
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closed = (IPEndPoint)probe.LocalEndPoint!;

        await Assert.ThrowsAsync<SocketException>(async () => await EpollConnector.ConnectAsync(_loops, 0, closed, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Abort_WhileReading_InputEndsWithConnectionAborted()
    {
        Assert.SkipUnless(EpollTransport.IsSupported, "epoll runs on Linux x64 only");
        var token = TestContext.Current.CancellationToken;
        await using var listener = await new EpollListenerFactory(_loops).BindAsync(new IPEndPoint(IPAddress.Loopback, 0), token);
        await using var client = await EpollConnector.ConnectAsync(_loops, 0, (IPEndPoint)listener.EndPoint, token);
        await using var server = (await listener.AcceptAsync(token))!;

        var reading = client.Transport.Input.ReadAsync(token).AsTask();
        client.Abort();

        await Assert.ThrowsAsync<ConnectionAbortedException>(() => reading);
        var closed = new TaskCompletionSource();
        using var registration = client.ConnectionClosed.Register(closed.SetResult);
        await closed.Task.WaitAsync(token);
    }

    public ValueTask DisposeAsync()
    {
        _loops.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<byte[]> ReadAsync(PipeReader input, int length, CancellationToken token)
    {
        var bytes = new byte[length];
        var at = 0;
        while (at < length)
        {
            var result = await input.ReadAsync(token);
            var take = (int)Math.Min(result.Buffer.Length, length - at);
            result.Buffer.Slice(0, take).CopyTo(bytes.AsSpan(at));
            at += take;
            input.AdvanceTo(result.Buffer.GetPosition(take));
            Assert.False(result.IsCompleted && at < length, "the input ended early");
        }

        return bytes;
    }
}
