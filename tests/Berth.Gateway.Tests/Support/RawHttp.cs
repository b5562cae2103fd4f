using System.Net.Sockets;
using System.Text;

namespace Berth.Gateway.Tests.Support;

/// <summary>Bytes straight over a socket, for what HttpClient will not send (HTTP/1.0, malformed heads, pipelining).</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> and reads until the gateway closes the connection (or the timeout).</summary>
    public static async Task<string> ExchangeAsync(Uri gateway, string request, CancellationToken cancellationToken) =>
        (await ExchangeAsync(gateway, request, TimeSpan.FromSeconds(5), cancellationToken)).Answer;

    /// <summary>
    /// Sends <paramref name="request"/> and reads until the gateway closes the connection or <paramref name="wait"/>
    /// passes: what arrived, and whether the gateway closed.
    /// </summary>
    public static async Task<(string Answer, bool Closed)> ExchangeAsync(Uri gateway, string request, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        var received = new MemoryStream();
        var closed = true;
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still open after the wait: the caller sees what arrived.
            closed = false;
        }
        catch (IOException)
        {
            // Reset rather than closed (a connection the gateway cut): closed all the same.
        }

        return (Encoding.Latin1.GetString(received.ToArray()), closed);
    }
}
