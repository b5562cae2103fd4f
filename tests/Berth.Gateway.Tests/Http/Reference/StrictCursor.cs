namespace Berth.Gateway.Tests.Http.Reference;

/// <summary>
/// Reads a whole input for the reference parsers: running past its end means "incomplete", a grammar violation means
/// "invalid"; both unwind as exceptions, which keeps the grammar code a plain transcription of the RFC.
/// </summary>
internal ref struct StrictCursor(ReadOnlySpan<byte> input)
{
    private readonly ReadOnlySpan<byte> _input = input;

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= _input.Length;

    public readonly byte Peek() => Position < _input.Length ? _input[Position] : throw new IncompleteInputException();

    public byte Next()
    {
        var b = Peek();
        Position++;
        return b;
    }

    public void Expect(byte b)
    {
        if (Next() != b)
        {
            throw new InvalidInputException();
        }
    }

    public void Crlf()
    {
        Expect((byte)'\r');
        Expect((byte)'\n');
    }

    /// <summary>OWS / BWS: *( SP / HTAB ).</summary>
    public void SkipWhitespace()
    {
        while (Peek() is (byte)' ' or (byte)'\t')
        {
            Position++;
        }
    }

    /// <summary>1*tchar; the bytes read.</summary>
    public ReadOnlySpan<byte> Token()
    {
        var start = Position;
        while (IsTchar(Peek()))
        {
            Position++;
        }

        return Position > start ? _input[start..Position] : throw new InvalidInputException();
    }

    public readonly ReadOnlySpan<byte> Slice(int start, int end) => _input[start..end];

    /// <summary>tchar = "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA (RFC 9110 §5.6.2).</summary>
    public static bool IsTchar(byte b) =>
        b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+' or (byte)'-'
            or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~'
        || b is >= (byte)'0' and <= (byte)'9' || b is >= (byte)'a' and <= (byte)'z' || b is >= (byte)'A' and <= (byte)'Z';

    /// <summary>VCHAR / obs-text.</summary>
    public static bool IsVisible(byte b) => b is >= 0x21 and <= 0x7e || b >= 0x80;
}
