using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MySqlConnector;
using Npgsql;

namespace Berth.Bench.Services;

/// <summary>The first query a client would make, as the administrator: <c>SELECT 1</c>, a MariaDB ping, Redis <c>PING</c>; retried until it answers.</summary>
internal static class Query
{
    public static async Task UntilAnsweredAsync(string type, int port, string password, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await OnceAsync(type, port, password);
                return;
            }
            catch (Exception) when (clock.Elapsed < limit)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task OnceAsync(string type, int port, string password)
    {
        switch (type)
        {
            case "postgres":
                await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres;Pooling=false;Timeout=2"))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand("SELECT 1", connection);
                    await command.ExecuteScalarAsync();
                }
                break;
            case "mariadb":
                await using (var connection = new MySqlConnection($"Server=127.0.0.1;Port={port};User ID=root;Password={password};Pooling=false;Connection Timeout=2"))
                {
                    await connection.OpenAsync();
                    if (!await connection.PingAsync())
                    {
                        throw new InvalidOperationException("no ping");
                    }
                }
                break;
            default:
                using (var client = new TcpClient())
                {
                    await client.ConnectAsync("127.0.0.1", port);
                    var stream = client.GetStream();
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH default {password}\r\nPING\r\n"));
                    var answer = new StringBuilder();
                    var buffer = new byte[256];
                    while (!answer.ToString().Contains("+PONG", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer);
                        if (read == 0 || answer.ToString().StartsWith('-'))
                        {
                            throw new InvalidOperationException($"redis answered {answer}");
                        }

                        answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                }
                break;
        }
    }
}
