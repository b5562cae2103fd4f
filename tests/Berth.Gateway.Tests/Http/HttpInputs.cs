using System.Text;

namespace Berth.Gateway.Tests.Http;

/// <summary>
/// Inputs for the parser fuzz tests, each made from one integer seed (so a failure names the seed that reproduces it):
/// mostly well-formed messages with the pieces where parsers tend to disagree (line ends, whitespace, extensions,
/// trailers, duplicated framing headers), then a few byte-level mutations.
/// </summary>
internal static class HttpInputs
{
    private static readonly string[] LineEnds = ["\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\n", "\r", " \r\n", "\r\r\n"];

    private static readonly string[] Extensions =
        ["", "", "", ";a", ";a=b", "; a = b", " ;a", ";a=\"x y\"", ";a=\"q\\\"\"", ";a=\"", ";a=", "; ", " x", ";a b", ";a=b;c", ";\t", ";a=\"\x01\""];

    private static readonly string[] Trailers =
        ["X-T: v", "X-T:v", "X-T:\tv\t", "X-T: a b", "X-T:", "X-T : v", " X-T: v", "X-T: a\nb: c", "X-T: a\rb", "X-T: \x01", "X-T: \x7f", "NoColon", "X-T: \xe9", ":v"];

    private static readonly string[] HeaderNames =
        ["Host", "Host", "Content-Length", "Transfer-Encoding", "Connection", "X-Forwarded-For", "Accept", "X-A", "Host ", "Ho st", "", "Transfer-Encoding\t"];

    private static readonly string[] HeaderValues =
        ["a", "demo.localhost", "5", "05", "0", "-1", "chunked", "CHUNKED", "gzip, chunked", " chunked ", "\x0bchunked", "close", "1.2.3.4, [::1]:80", "", "a\tb", "\xff", "a\x00b", "a\nb", "a\rb"];

    private static readonly string[] RequestLines =
        ["GET / HTTP/1.1", "GET / HTTP/1.1", "POST /x HTTP/1.1", "HEAD / HTTP/1.0", "POST / HTTP/1.0", "GET /a%20b?c HTTP/1.1", "GET  / HTTP/1.1",
         "GET / HTTP/1.2", "GET /\x80 HTTP/1.1", "G(T / HTTP/1.1", "GET / http/1.1", "GET /\x01 HTTP/1.1", "GET / HTTP/1.1 "];

    /// <summary>Bytes where a mutation is most likely to matter.</summary>
    private static readonly byte[] Interesting = [(byte)'\r', (byte)'\n', (byte)'\t', (byte)' ', (byte)';', (byte)'=', (byte)'"', (byte)'\\', (byte)':', (byte)'0', (byte)'a', 0, 0x0b, 0x7f, 0x80, 0xff];

    /// <summary>A chunked body from <paramref name="seed"/>, sometimes followed by the next request.</summary>
    public static byte[] ChunkedBody(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var chunks = random.Next(4); chunks > 0; chunks--)
        {
            var size = random.Next(1, 40);
            var hex = size.ToString(random.Next(2) == 0 ? "x" : "X", System.Globalization.CultureInfo.InvariantCulture);
            text.Append(random.Next(8) == 0 ? "00" : "").Append(hex).Append(Pick(random, Extensions)).Append(Pick(random, LineEnds));
            for (var i = 0; i < size; i++)
            {
                text.Append((char)random.Next(256));
            }

            text.Append(Pick(random, LineEnds));
        }

        text.Append('0').Append(Pick(random, Extensions)).Append(Pick(random, LineEnds));
        for (var trailers = random.Next(4) == 0 ? random.Next(1, 3) : 0; trailers > 0; trailers--)
        {
            text.Append(Pick(random, Trailers)).Append(Pick(random, LineEnds));
        }

        text.Append(Pick(random, LineEnds));
        if (random.Next(3) == 0)
        {
            text.Append("GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
        }

        return Mutate(random, Encoding.Latin1.GetBytes(text.ToString()));
    }

    /// <summary>A request head from <paramref name="seed"/>, cut at its first empty line as the gateway cuts it (null when there is none).</summary>
    public static byte[]? RequestHead(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Pick(random, RequestLines)).Append(Pick(random, LineEnds));
        for (var headers = random.Next(5); headers > 0; headers--)
        {
            text.Append(Pick(random, HeaderNames)).Append(random.Next(4) == 0 ? ":" : ": ").Append(Pick(random, HeaderValues)).Append(Pick(random, LineEnds));
        }

        text.Append("\r\n");
        return CutAtEndOfHead(Mutate(random, Encoding.Latin1.GetBytes(text.ToString())));
    }

    /// <summary>A seed input with a few mutations.</summary>
    public static byte[] Mutation(byte[] input, int seed) => Mutate(new Random(seed), input, always: true);

    /// <summary>The bytes up to and including the first CRLF CRLF, or null.</summary>
    public static byte[]? CutAtEndOfHead(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        return end < 0 ? null : bytes[..(end + 4)];
    }

    private static byte[] Mutate(Random random, byte[] input, bool always = false)
    {
        if (!always && random.Next(2) == 0)
        {
            return input;
        }

        var bytes = input.ToList();
        for (var mutations = random.Next(1, 4); mutations > 0; mutations--)
        {
            var at = random.Next(bytes.Count + 1);
            var value = random.Next(4) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
            switch (random.Next(3))
            {
                case 0 when at < bytes.Count:
                    bytes[at] = value;
                    break;
                case 1 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.Insert(at, value);
                    break;
            }
        }

        return [.. bytes];
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
