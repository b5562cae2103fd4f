using System.Net;
using Berth.ControlPlane.Health;

namespace Berth.ControlPlane.Tests;

/// <summary>Reading <c>/proc/net/tcp</c>'s text: only listening sockets, addresses in the kernel's word order.</summary>
public sealed class ListeningSocketsTests
{
    [Fact]
    public void Parse_Ipv4Table_ReturnsListenersOnly()
    {
        const string table =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 0100007F:61A8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n" +
            "   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0\n" +
            "   2: 0100007F:A2C4 0100007F:61A8 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1\n";

        var sockets = ListeningSockets.Parse(table).ToList();

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 25000), new IPEndPoint(IPAddress.Any, 8080)], sockets);
    }

    [Fact]
    public void Parse_Ipv6Table_ReadsEachWordReversed()
    {
        const string table =
            "  sl  local_address                         remote_address                        st tx_queue rx_queue\n" +
            "   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000\n" +
            "   1: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000\n";

        var sockets = ListeningSockets.Parse(table).ToList();

        Assert.Equal([new IPEndPoint(IPAddress.IPv6Any, 80), new IPEndPoint(IPAddress.IPv6Loopback, 8080)], sockets);
    }

    [Fact]
    public void Read_ThisMachine_FindsAListenerItOpened()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.Contains((IPEndPoint)listener.LocalEndpoint, ListeningSockets.Read());
    }
}
