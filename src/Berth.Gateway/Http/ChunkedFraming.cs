namespace Berth.Gateway.Http;

/// <summary>
/// Follows a chunked body byte by byte to find where it ends, without changing it: the gateway relays chunk sizes,
/// extensions and trailers verbatim. It holds them to RFC 9112's grammar (§7.1): CRLF line ends only, extensions and
/// trailer fields made of tokens and visible text, because a back end that reads a looser body another way would see
/// a different end, and the bytes past it as a second request. One instance per body; <see cref="Advance"/> is fed
/// successive spans.
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
        BeforeSemicolon,
        BeforeExtensionName,
        ExtensionName,
        AfterExtensionName,
        BeforeExtensionValue,
        ExtensionToken,
        ExtensionQuoted,
        ExtensionQuotedPair,
        AfterExtensionQuoted,
        SizeLf,
        Data,
        DataCr,
        DataLf,
        TrailerLineStart,
        TrailerName,
        TrailerValue,
        TrailerLineLf,
        EndLf,
        Done,
    }

    /// <summary>True once the last chunk and the trailer section have been seen.</summary>
    public readonly bool IsDone => _state == State.Done;

    /// <summary>How many of the next bytes are chunk data (0 while in sizes, line ends or trailers).</summary>
    public readonly long DataAhead => _state == State.Data ? _remaining : 0;

    /// <summary>
    /// True when the body carried chunk extensions or trailer fields: legal, but rare enough that the connection it came
    /// on is not reused (a back end that reads them differently cannot then desynchronise a pooled connection).
    /// </summary>
    public bool SawExtras { readonly get; private set; }

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

    private bool Step(byte b) => _state switch
    {
        State.Size => Size(b),
        State.SizeLf => b == '\n' && Go(_remaining == 0 ? State.TrailerLineStart : State.Data),
        State.DataCr => b == '\r' && Go(State.DataLf),
        State.DataLf => b == '\n' && StartSizeLine(),
        State.TrailerLineStart or State.TrailerName or State.TrailerValue or State.TrailerLineLf or State.EndLf =>
            ++_trailerLength <= MaxTrailerLength && Trailer(b),
        _ => ++_lineLength <= MaxLineLength && Extension(b),
    };

    private bool Size(byte b)
    {
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

        return _sawDigit && b switch
        {
            (byte)'\r' => Go(State.SizeLf),
            (byte)';' => Extra(State.BeforeExtensionName),
            (byte)' ' or (byte)'\t' => Extra(State.BeforeSemicolon),
            _ => false,
        };
    }

    /// <summary>chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS ( token / quoted-string ) ] ).</summary>
    private bool Extension(byte b)
    {
        var space = b is (byte)' ' or (byte)'\t';
        var token = IsToken(b);
        return _state switch
        {
            State.BeforeSemicolon => space || (b == ';' && Go(State.BeforeExtensionName)),
            State.BeforeExtensionName => space || (token && Go(State.ExtensionName)),
            State.ExtensionName => token || NameEnd(b, space),
            State.AfterExtensionName => space || (b == ';' && Go(State.BeforeExtensionName)) || (b == '=' && Go(State.BeforeExtensionValue)),
            State.BeforeExtensionValue => space || (token && Go(State.ExtensionToken)) || (b == '"' && Go(State.ExtensionQuoted)),
            State.ExtensionToken => token || ValueEnd(b, space),
            State.ExtensionQuoted => b switch
            {
                (byte)'"' => Go(State.AfterExtensionQuoted),
                (byte)'\\' => Go(State.ExtensionQuotedPair),
                _ => b == '\t' || (b >= 0x20 && b != 0x7f),
            },
            State.ExtensionQuotedPair => (b == '\t' || (b >= 0x20 && b != 0x7f)) && Go(State.ExtensionQuoted),
            State.AfterExtensionQuoted => ValueEnd(b, space),
            _ => false,
        };
    }

    private bool NameEnd(byte b, bool space) => b switch
    {
        (byte)'\r' => Go(State.SizeLf),
        (byte)';' => Go(State.BeforeExtensionName),
        (byte)'=' => Go(State.BeforeExtensionValue),
        _ => space && Go(State.AfterExtensionName),
    };

    private bool ValueEnd(byte b, bool space) => b switch
    {
        (byte)'\r' => Go(State.SizeLf),
        (byte)';' => Go(State.BeforeExtensionName),
        _ => space && Go(State.BeforeSemicolon),
    };

    /// <summary>trailer-section = *( field-name ":" field-value CRLF ), the value without control bytes; then CRLF.</summary>
    private bool Trailer(byte b) => _state switch
    {
        State.TrailerLineStart => b == '\r' ? Go(State.EndLf) : IsToken(b) && Extra(State.TrailerName),
        State.TrailerName => IsToken(b) || (b == ':' && Go(State.TrailerValue)),
        State.TrailerValue => b == '\r' ? Go(State.TrailerLineLf) : b == '\t' || (b >= 0x20 && b != 0x7f),
        State.TrailerLineLf => b == '\n' && Go(State.TrailerLineStart),
        State.EndLf => b == '\n' && Go(State.Done),
        _ => false,
    };

    private bool StartSizeLine()
    {
        (_state, _remaining, _lineLength, _sawDigit) = (State.Size, 0, 0, false);
        return true;
    }

    private bool Go(State next)
    {
        _state = next;
        return true;
    }

    private bool Extra(State next)
    {
        SawExtras = true;
        return Go(next);
    }

    private static bool IsToken(byte b) => HttpChars.Token.Contains(b);

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
