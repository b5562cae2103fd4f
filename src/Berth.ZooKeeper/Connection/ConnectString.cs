using System.Globalization;
using System.Net;

namespace Berth.ZooKeeper.Connection;

/// <summary>A parsed connect string: the servers to try, in order, and the chroot every path is relative to ("" for none).</summary>
internal sealed record ConnectString(IReadOnlyList<DnsEndPoint> Hosts, string Chroot)
{
    private const int DefaultPort = 2181;

    /// <summary>Parses <c>host[:port][,host[:port]...][/chroot]</c>; throws <see cref="ArgumentException"/> with the reason.</summary>
    public static ConnectString Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var slash = value.IndexOf('/');
        var chroot = slash < 0 ? "" : value[slash..];
        if (chroot == "/")
        {
            chroot = "";
        }
        else if (chroot.Length > 0)
        {
            Paths.Validate(chroot);
        }

        var hosts = new List<DnsEndPoint>();
        foreach (var part in (slash < 0 ? value : value[..slash]).Split(',', StringSplitOptions.TrimEntries))
        {
            hosts.Add(ParseHost(part, value));
        }

        return new ConnectString(hosts, chroot);
    }

    /// <summary>The server's path for a client path.</summary>
    public string ToServer(string path) => Chroot.Length == 0 ? path : path == "/" ? Chroot : Chroot + path;

    /// <summary>The client's path for a server path (inside the chroot).</summary>
    public string ToClient(string serverPath)
    {
        if (Chroot.Length == 0)
        {
            return serverPath;
        }

        return serverPath.Length == Chroot.Length ? "/" : serverPath[Chroot.Length..];
    }

    private static DnsEndPoint ParseHost(string part, string whole)
    {
        string host;
        string? port = null;
        if (part.StartsWith('['))
        {
            // [IPv6]:port
            var close = part.IndexOf(']');
            if (close < 0)
            {
                throw Bad(whole, $"'{part}' opens '[' without closing it");
            }

            host = part[1..close];
            if (close + 1 < part.Length)
            {
                port = part[(close + 1)..].StartsWith(':') ? part[(close + 2)..] : throw Bad(whole, $"'{part}' has text after ']'");
            }
        }
        else
        {
            var colon = part.LastIndexOf(':');
            (host, port) = colon < 0 ? (part, null) : (part[..colon], part[(colon + 1)..]);
        }

        if (host.Length == 0)
        {
            throw Bad(whole, "a host is empty");
        }

        if (port is null)
        {
            return new DnsEndPoint(host, DefaultPort);
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw Bad(whole, $"'{port}' is not a port");
        }

        return new DnsEndPoint(host, number);
    }

    private static ArgumentException Bad(string whole, string reason) =>
        new($"'{whole}' is not a ZooKeeper connect string (host:port[,host:port...][/chroot]): {reason}.", "connectString");
}
