using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Gateway.Tests.Support;

/// <summary>
/// A real Kestrel app instance on a loopback port: answers its name on any path, echoes the body on <c>/echo</c>
/// (streamed, so chunked) and on <c>/echo-length</c> (read whole, then sent with a Content-Length and the request's
/// own framing in <c>X-Request-Framing</c>), lists the proxy headers it received on <c>/headers</c>, streams chunks on
/// <c>/chunked</c>, sends an HSTS header of its own on <c>/hsts</c>, streams without end on <c>/endless</c>, never answers <c>/slow</c> and echoes WebSocket messages on
/// <c>/ws</c>. It counts requests, the client connections they came on and the requests whose connection was cut, and
/// keeps the paths asked for.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private readonly ConcurrentQueue<string> _paths = new();
    private int _requests;
    private int _aborted;

    private TestBackend(WebApplication app, string name, string address) => (_app, Name, Address) = (app, name, address);

    public string Name { get; }

    /// <summary><c>127.0.0.1:{port}</c>, the form registered in discovery.</summary>
    public string Address { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests whose connection the gateway cut before the exchange was complete (one may count twice).</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    /// <summary>The paths of the requests received, in arrival order.</summary>
    public IReadOnlyCollection<string> Paths => _paths;

    /// <summary>How many distinct TCP connections requests arrived on (the gateway's pooling shows here).</summary>
    public int Connections => _connections.Count;

    public static async Task<TestBackend> StartAsync(string name, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestBackend? backend = null;
        app.UseWebSockets();
        app.Run(context => backend!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        backend = new TestBackend(app, name, new Uri(app.Urls.Single()).Authority);
        return backend;
    }

    /// <summary>Stops listening and closes its idle connections, as an instance that is killed does.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        _connections.TryAdd(context.Connection.Id, 0);
        _paths.Enqueue(context.Request.Path.Value ?? "");
        using var aborted = context.RequestAborted.Register(() => Interlocked.Increment(ref _aborted));
        try
        {
            await AnswerAsync(context);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The body ended early: the gateway cut the connection mid-request.
            Interlocked.Increment(ref _aborted);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        context.Response.Headers["X-Backend"] = Name;
        switch (context.Request.Path.Value)
        {
            case "/echo":
                context.Response.ContentType = context.Request.ContentType;
                await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
                break;
            case "/echo-length":
                var received = new MemoryStream();
                await context.Request.Body.CopyToAsync(received, context.RequestAborted);
                context.Response.Headers["X-Request-Framing"] = context.Request.ContentLength is { } length ? $"length {length}" : "chunked";
                context.Response.ContentLength = received.Length;
                await context.Response.Body.WriteAsync(received.GetBuffer().AsMemory(0, (int)received.Length), context.RequestAborted);
                break;
            case "/endless":
                var block = new byte[64 * 1024];
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(block, context.RequestAborted);
                }

                break;
            case "/slow":
                await WaitUntilAbortedAsync(context.RequestAborted);
                break;
            case "/headers":
                var lines = new StringBuilder();
                foreach (var header in new[] { "Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Connection", "Keep-Alive", "Forwarded", "X-Real-IP" })
                {
                    lines.Append(header).Append(": ").Append(context.Request.Headers[header].ToString()).Append('\n');
                }

                await context.Response.WriteAsync(lines.ToString(), context.RequestAborted);
                break;
            case "/hsts":
                context.Response.Headers.StrictTransportSecurity = "max-age=5";
                await context.Response.WriteAsync(Name, context.RequestAborted);
                break;
            case "/chunked":
                for (var i = 0; i < 3; i++)
                {
                    await context.Response.WriteAsync($"chunk{i};", context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }

                break;
            case "/ws" when context.WebSockets.IsWebSocketRequest:
                await EchoAsync(await context.WebSockets.AcceptWebSocketAsync(), context.RequestAborted);
                break;
            default:
                await context.Response.WriteAsync(Name, context.RequestAborted);
                break;
        }
    }

    private static async Task WaitUntilAbortedAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, aborted);
        }
        catch (OperationCanceledException)
        {
            // The gateway gave up on the answer and closed the connection.
        }
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
        }
    }
}
