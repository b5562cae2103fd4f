using System.Net.Sockets;
using System.Text;

namespace Berth.Gateway.Tests.Support;

/// <summary>Bytes straight over a socket, for what HttpClient will not send (HTTP/1.0, malformed heads, pipelining).</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> and reads until the gateway closes the connection (or the timeout).</summary>
    public static async Task<string> ExchangeAsync(Uri gateway, string request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still open after the timeout: the caller sees what arrived.
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }
}
