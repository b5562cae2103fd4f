using System.Net;
using System.Net.Sockets;

namespace Berth.Readme.Tests;

/// <summary>Which loopback ports are free to listen on.</summary>
internal static class Ports
{
    /// <summary>Whether nothing listens on the port on loopback or on every address (a listener on either would clash).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first free port from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static int FirstFree(int first, int last) =>
        Enumerable.Range(first, last - first + 1).FirstOrDefault(IsFree) is var port and > 0
            ? port
            : throw new InvalidOperationException($"no free port in {first}-{last}");
}
