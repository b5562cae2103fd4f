using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Berth.ControlPlane.Services;

/// <summary>
/// Just enough of Redis's protocol (RESP 2) to authenticate and send administrative commands: commands go out as
/// arrays of bulk strings, and a reply is read whole (nested arrays included); an error reply throws.
/// </summary>
internal sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RespConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    /// <summary>Connects and authenticates as <paramref name="user"/>.</summary>
    public static async Task<RespConnection> OpenAsync(string host, int port, string user, string password, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            var connection = new RespConnection(client);
            await connection.SendAsync(["AUTH", user, password], cancellationToken);
            return connection;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and returns its reply: a string, a number, null, or a list of those.</summary>
    public async Task<object?> SendAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var request = new StringBuilder().Append('*').Append(command.Count).Append("\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        return await ReadReplyAsync(cancellationToken);
    }

    private async Task<object?> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new IOException("Redis closed the connection");
        var rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                throw new RespErrorException(rest);
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }
                var buffer = new char[length];
                await _reader.ReadBlockAsync(buffer, cancellationToken);
                await _reader.ReadLineAsync(cancellationToken);
                return new string(buffer);
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                var items = new List<object?>(Math.Max(count, 0));
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ReadReplyAsync(cancellationToken));
                }
                return items;
            default:
                throw new IOException($"Redis sent a reply Berth does not read: {line}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
