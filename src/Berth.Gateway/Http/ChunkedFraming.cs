namespace Berth.Gateway.Http;

/// <summary>
/// Follows a chunked body byte by byte to find where it ends, without changing it: the gateway relays chunk sizes,
/// extensions and trailers verbatim. One instance per body; <see cref="Advance"/> is fed successive spans.
/// </summary>
internal struct ChunkedFraming
{
    private const int MaxLineLength = 4096;
    private const int MaxTrailerLength = 32 * 1024;

    private State _state;
    private long _remaining;
    private int _lineLength;
    private int _trailerLength;
    private bool _sawDigit;

    private enum State
    {
        Size,
        Extension,
        SizeLf,
        Data,
        DataCr,
        DataLf,
        TrailerLineStart,
        TrailerLine,
        TrailerLineLf,
        EndLf,
        Done,
    }

    /// <summary>True once the last chunk and the trailer section have been seen.</summary>
    public readonly bool IsDone => _state == State.Done;

    /// <summary>How many of the next bytes are chunk data (0 while in sizes, line ends or trailers).</summary>
    public readonly long DataAhead => _state == State.Data ? _remaining : 0;

    /// <summary>
    /// Consumes bytes of the body from <paramref name="span"/>; returns how many belong to it (fewer than the span's
    /// length only when the body ended inside it), or -1 when the framing is malformed.
    /// </summary>
    public int Advance(ReadOnlySpan<byte> span)
    {
        var i = 0;
        while (i < span.Length && _state != State.Done)
        {
            if (_state == State.Data)
            {
                var take = (int)Math.Min(_remaining, span.Length - i);
                i += take;
                _remaining -= take;
                if (_remaining == 0)
                {
                    _state = State.DataCr;
                }

                continue;
            }

            if (!Step(span[i++]))
            {
                return -1;
            }
        }

        return i;
    }

    private bool Step(byte b)
    {
        switch (_state)
        {
            case State.Size:
                if (++_lineLength > MaxLineLength)
                {
                    return false;
                }

                var digit = HexValue(b);
                if (digit >= 0)
                {
                    // 15 hex digits keep the size well inside a long.
                    if (_remaining > (long.MaxValue >> 8))
                    {
                        return false;
                    }

                    _remaining = (_remaining << 4) | (uint)digit;
                    _sawDigit = true;
                    return true;
                }

                _state = b is (byte)';' or (byte)' ' or (byte)'\t' ? State.Extension : b == '\r' ? State.SizeLf : State.Done;
                return _sawDigit && _state != State.Done;
            case State.Extension:
                if (++_lineLength > MaxLineLength || (b < 0x20 && b != '\t' && b != '\r') || b == 0x7f)
                {
                    return false;
                }

                if (b == '\r')
                {
                    _state = State.SizeLf;
                }

                return true;
            case State.SizeLf:
                if (b != '\n')
                {
                    return false;
                }

                _state = _remaining == 0 ? State.TrailerLineStart : State.Data;
                return true;
            case State.DataCr:
                _state = State.DataLf;
                return b == '\r';
            case State.DataLf:
                (_state, _remaining, _lineLength, _sawDigit) = (State.Size, 0, 0, false);
                return b == '\n';
            case State.TrailerLineStart:
                _state = b == '\r' ? State.EndLf : State.TrailerLine;
                return ++_trailerLength <= MaxTrailerLength;
            case State.TrailerLine:
                if (b == '\r')
                {
                    _state = State.TrailerLineLf;
                }

                return ++_trailerLength <= MaxTrailerLength;
            case State.TrailerLineLf:
                _state = State.TrailerLineStart;
                return b == '\n';
            case State.EndLf:
                _state = State.Done;
                return b == '\n';
            default:
                return false;
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
