using System.Globalization;
using System.Text;
using Berth.Core.Runtime;

namespace Berth.Runtime.Docker;

/// <summary>
/// Cuts the engine's log chunks into lines. Chunks end anywhere (mid-line, even mid-character), so each stream
/// keeps its own decoder and unfinished line. Lines start with the timestamp the engine adds (<c>timestamps=true</c>).
/// </summary>
internal sealed class LogLineSplitter
{
    private readonly Dictionary<LogStream, (Decoder Decoder, StringBuilder Pending)> _streams = [];

    /// <summary>The lines the chunk completes.</summary>
    public List<LogLine> Add(LogStream stream, ReadOnlySpan<byte> chunk)
    {
        if (!_streams.TryGetValue(stream, out var state))
        {
            state = (Encoding.UTF8.GetDecoder(), new StringBuilder());
            _streams[stream] = state;
        }

        var chars = new char[Encoding.UTF8.GetMaxCharCount(chunk.Length)];
        var count = state.Decoder.GetChars(chunk, chars, flush: false);
        var lines = new List<LogLine>();
        foreach (var c in chars.AsSpan(0, count))
        {
            if (c == '\n')
            {
                lines.Add(Parse(stream, state.Pending.ToString()));
                state.Pending.Clear();
            }
            else
            {
                state.Pending.Append(c);
            }
        }

        return lines;
    }

    /// <summary>The unfinished lines, once the stream ended.</summary>
    public List<LogLine> Flush()
    {
        var lines = _streams.Where(pair => pair.Value.Pending.Length > 0).Select(pair => Parse(pair.Key, pair.Value.Pending.ToString())).ToList();
        _streams.Clear();
        return lines;
    }

    private static LogLine Parse(LogStream stream, string line)
    {
        line = line.TrimEnd('\r');
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return new LogLine(time, stream, line[(space + 1)..]);
        }

        return new LogLine(default, stream, line);
    }
}
