using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// A real DNS server over UDP on loopback that answers TXT questions from <see cref="Set"/> (and NXDOMAIN for other
/// names): what a domain's owner's DNS would say, for <c>BerthOptions.DomainNameServers</c>.
/// </summary>
public sealed class TxtDnsServer : IAsyncDisposable
{
    private const ushort TxtType = 16;
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentDictionary<string, string[]> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public TxtDnsServer() => _serving = ServeAsync(_stop.Token);

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Endpoint => _udp.Client.LocalEndPoint!.ToString()!;

    /// <summary>Makes <paramref name="name"/> answer with these TXT strings.</summary>
    public void Set(string name, params string[] values) => _records[name.TrimEnd('.')] = values;

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try
            {
                query = await _udp.ReceiveAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Answer(query.Buffer) is { } answer)
            {
                await _udp.SendAsync(answer, query.RemoteEndPoint, cancellationToken);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 17)
        {
            return null;
        }

        // The question: labels from offset 12 to the zero length, then type and class.
        var labels = new List<string>();
        var at = 12;
        while (at < query.Length && query[at] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(query, at + 1, query[at]));
            at += query[at] + 1;
        }

        var questionEnd = at + 5;
        if (questionEnd > query.Length)
        {
            return null;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(at + 1));
        var found = _records.TryGetValue(string.Join('.', labels), out var values);
        var answers = found && type == TxtType ? values! : [];
        using var response = new MemoryStream();
        response.Write(query, 0, 2);
        // QR, AA, RD copied; NXDOMAIN for an unknown name.
        response.Write([(byte)(0x84 | (query[2] & 0x01)), (byte)(found ? 0x00 : 0x03)]);
        response.Write([0, 1, 0, (byte)answers.Length, 0, 0, 0, 0]);
        response.Write(query, 12, questionEnd - 12);
        foreach (var value in answers)
        {
            var text = Encoding.UTF8.GetBytes(value);
            response.Write([0xC0, 12, 0, (byte)TxtType, 0, 1, 0, 0, 0, 0, 0, (byte)(text.Length + 1), (byte)text.Length]);
            response.Write(text);
        }

        return response.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving;
        _udp.Dispose();
        _stop.Dispose();
    }
}
