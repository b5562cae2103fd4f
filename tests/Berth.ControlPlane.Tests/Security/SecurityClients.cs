using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>Clients for the security tests: tokens read back, and connections from a chosen loopback address.</summary>
internal static class SecurityClients
{
    /// <summary>The bearer token a client sends.</summary>
    public static string TokenOf(HttpClient client) =>
        client.DefaultRequestHeaders.Authorization?.Parameter ?? throw new InvalidOperationException("the client has no token");

    /// <summary>A fresh loopback address (127.x.y.z) no other test uses, so per-address limits do not mix.</summary>
    public static IPAddress NewLoopbackAddress()
    {
        var bytes = new byte[3];
        Random.Shared.NextBytes(bytes);
        return new IPAddress([127, bytes[0], bytes[1], (byte)Math.Max(bytes[2], (byte)2)]);
    }

    /// <summary>A client of <paramref name="baseUrl"/> whose connections leave from <paramref name="source"/>.</summary>
    public static HttpClient From(IPAddress source, string baseUrl, string? token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
