using System.Globalization;

namespace Berth.Gateway.Tests.Http;

/// <summary>The seed inputs of the parser fuzz tests, kept in <c>Http/Corpus/</c> as escaped text (one input a line).</summary>
internal static class HttpCorpus
{
    public static IReadOnlyList<byte[]> ChunkedBodies { get; } = Load("chunked-bodies.txt");

    public static IReadOnlyList<byte[]> RequestHeads { get; } = Load("request-heads.txt");

    private static byte[][] Load(string name) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Http", "Corpus", name))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Unescape)];

    /// <summary>\r \n \t \\ \" and \xHH to bytes; every other character is one Latin-1 byte.</summary>
    private static byte[] Unescape(string line)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\')
            {
                bytes.Add((byte)line[i]);
                continue;
            }

            var kind = line[++i];
            bytes.Add(kind switch
            {
                'r' => (byte)'\r',
                'n' => (byte)'\n',
                't' => (byte)'\t',
                'x' => byte.Parse(line.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                _ => (byte)kind,
            });
            i += kind == 'x' ? 2 : 0;
        }

        return [.. bytes];
    }
}
