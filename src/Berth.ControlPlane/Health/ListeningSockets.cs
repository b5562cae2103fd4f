using System.Globalization;
using System.Net;

namespace Berth.ControlPlane.Health;

/// <summary>
/// The TCP sockets listening on this machine, read from <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c> — what
/// <c>ss -ltn</c> shows — so ports held by processes Berth does not know are found before a container is started on them.
/// </summary>
internal static class ListeningSockets
{
    private const string Listen = "0A";

    /// <summary>Every listening address and port; empty where <c>/proc</c> is not there to read.</summary>
    public static IReadOnlyList<IPEndPoint> Read()
    {
        var sockets = new List<IPEndPoint>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (File.Exists(table))
            {
                sockets.AddRange(Parse(File.ReadAllText(table)));
            }
        }

        return sockets;
    }

    /// <summary>The listening sockets of one table's text: a header line, then <c>sl local rem st …</c> per socket.</summary>
    public static IEnumerable<IPEndPoint> Parse(string table)
    {
        foreach (var line in table.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != Listen || fields[1].Split(':') is not [var address, var port])
            {
                continue;
            }

            yield return new IPEndPoint(ParseAddress(address), int.Parse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The kernel prints the address as 32-bit words in the machine's byte order: each word's bytes come reversed on
    /// a little-endian machine (127.0.0.1 is <c>0100007F</c>); IPv6 is four such words.
    /// </summary>
    private static IPAddress ParseAddress(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        if (BitConverter.IsLittleEndian)
        {
            for (var word = 0; word < bytes.Length; word += 4)
            {
                Array.Reverse(bytes, word, 4);
            }
        }

        return new IPAddress(bytes);
    }
}
