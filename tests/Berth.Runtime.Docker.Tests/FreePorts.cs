using System.Net;
using System.Net.Sockets;

namespace Berth.Runtime.Docker.Tests;

/// <summary>Hands out host ports of this project's range (25900-25949) that nothing listens on.</summary>
internal static class FreePorts
{
    private const int First = 25900;
    private const int Last = 25949;

    private static readonly HashSet<int> Taken = [];
    private static readonly Lock Gate = new();

    /// <summary>A port no other test of this run got and that can be bound on 127.0.0.1 right now.</summary>
    public static int Take()
    {
        lock (Gate)
        {
            // A random start keeps two runs of this project (or a leftover from a crashed one) from fighting over the first port.
            var offset = Random.Shared.Next(Last - First + 1);
            for (var i = 0; i <= Last - First; i++)
            {
                var port = First + ((offset + i) % (Last - First + 1));
                if (!Taken.Contains(port) && CanBind(port))
                {
                    Taken.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free port in {First}-{Last}");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
