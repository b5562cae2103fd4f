using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Berth.Core.Services;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// Whether a server of one of Berth's base images (a project service that runs <c>postgres</c>, <c>mariadb</c> or
/// <c>redis</c>) is up, asked over its own protocol without credentials, as <c>pg_isready</c>, <c>mariadb-admin ping</c>
/// and <c>redis-cli ping</c> do: the control plane holds no password of a project's server.
/// </summary>
internal static class ServerHello
{
    /// <summary>True when the server at <paramref name="address"/> (<c>host:port</c>) answers as a ready server of its kind.</summary>
    public static async Task<bool> AnswersAsync(string address, ServiceType server, CancellationToken cancellationToken)
    {
        var colon = address.LastIndexOf(':');
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(address[..colon].Trim('[', ']'), int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        var stream = client.GetStream();
        return server switch
        {
            ServiceType.Postgres => await PostgresAsync(stream, cancellationToken),
            ServiceType.Mariadb => await MariadbAsync(stream, cancellationToken),
            _ => await RedisAsync(stream, cancellationToken),
        };
    }

    /// <summary>
    /// A startup message for a user that need not exist: a ready server asks for authentication ('R') or refuses the
    /// login ('E'); one that is starting, stopping or recovering refuses with SQLSTATE class 57P (cannot connect now).
    /// </summary>
    private static async Task<bool> PostgresAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var parameters = Encoding.ASCII.GetBytes("user\0berth-health\0database\0postgres\0\0");
        var message = new byte[8 + parameters.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, message.Length);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), 3 << 16);
        parameters.CopyTo(message, 8);
        await stream.WriteAsync(message, cancellationToken);
        var answer = new byte[512];
        var read = await stream.ReadAtLeastAsync(answer, 9, throwOnEndOfStream: false, cancellationToken);
        if (read < 9)
        {
            return false;
        }

        // An authentication request names its method (0 ok, 3 password, 5 MD5, 10 SASL); an error starts with its severity.
        return answer[0] switch
        {
            (byte)'R' => BinaryPrimitives.ReadInt32BigEndian(answer.AsSpan(5)) is 0 or 3 or 5 or 10,
            (byte)'E' => answer[5] == (byte)'S' && !Encoding.ASCII.GetString(answer, 0, read).Contains("\0C57P", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>A ready server greets every connection with its handshake (protocol version 10); a refusal starts with 0xFF.</summary>
    private static async Task<bool> MariadbAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        return await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) == header.Length && header[3] == 0 && header[4] == 10;
    }

    /// <summary>PING: a ready server answers PONG, or NOAUTH when it wants a password first (which shows it serves).</summary>
    private static async Task<bool> RedisAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
        var answer = new byte[64];
        var read = await stream.ReadAtLeastAsync(answer, 5, throwOnEndOfStream: false, cancellationToken);
        var text = Encoding.ASCII.GetString(answer, 0, read);
        return text.StartsWith("+PONG", StringComparison.Ordinal) || text.StartsWith("-NOAUTH", StringComparison.Ordinal);
    }
}
