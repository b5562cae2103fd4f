namespace Berth.Scheduling.Constraints;

/// <summary>
/// Parses host label constraints:
/// <c>labels.KEY</c> (exists), <c>!labels.KEY</c> (missing), <c>labels.KEY == VALUE</c>, <c>labels.KEY != VALUE</c>
/// and <c>labels.KEY in (VALUE, VALUE …)</c>. Keys and bare values are letters, digits and <c>_ . - / :</c>;
/// a value may be quoted with <c>'</c> or <c>"</c> to hold anything else.
/// </summary>
public static class ConstraintParser
{
    private const string Prefix = "labels.";

    /// <summary>The parsed constraint; throws <see cref="ConstraintFormatException"/> saying what is wrong.</summary>
    public static LabelConstraint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text);
        reader.SkipSpace();
        var negated = reader.Take('!');
        reader.SkipSpace();
        if (!reader.TakeWord(Prefix))
        {
            throw reader.Error($"expected '{Prefix}KEY' at the start");
        }

        var label = reader.Name() ?? throw reader.Error($"expected a label key after '{Prefix}'");
        reader.SkipSpace();
        if (reader.AtEnd)
        {
            return new LabelConstraint(text.Trim(), label, negated ? ConstraintOperator.Missing : ConstraintOperator.Exists, []);
        }

        if (negated)
        {
            throw reader.Error($"'!' only tests that a label is missing: write '!{Prefix}{label}' alone, or 'labels.{label} != VALUE'");
        }

        LabelConstraint constraint;
        if (reader.TakeWord("=="))
        {
            constraint = new LabelConstraint(text.Trim(), label, ConstraintOperator.Equal, [reader.Value()]);
        }
        else if (reader.TakeWord("!="))
        {
            constraint = new LabelConstraint(text.Trim(), label, ConstraintOperator.NotEqual, [reader.Value()]);
        }
        else if (reader.TakeWord("in"))
        {
            constraint = new LabelConstraint(text.Trim(), label, ConstraintOperator.In, reader.List());
        }
        else
        {
            throw reader.Error($"expected '==', '!=', 'in (…)' or nothing after '{Prefix}{label}'");
        }

        reader.SkipSpace();
        return reader.AtEnd ? constraint : throw reader.Error("unexpected text after the constraint");
    }

    /// <summary>Parses every constraint, or throws for the first that is wrong.</summary>
    public static IReadOnlyList<LabelConstraint> ParseAll(IEnumerable<string> texts) => [.. texts.Select(Parse)];

    private sealed class Reader(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public bool Take(char c)
        {
            if (!AtEnd && text[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        public bool TakeWord(string word)
        {
            if (string.CompareOrdinal(text, _position, word, 0, word.Length) != 0)
            {
                return false;
            }
            _position += word.Length;
            return true;
        }

        public string? Name()
        {
            var start = _position;
            while (!AtEnd && IsNameChar(text[_position]))
            {
                _position++;
            }
            return _position > start ? text[start.._position] : null;
        }

        public string Value()
        {
            SkipSpace();
            if (!AtEnd && text[_position] is '\'' or '"')
            {
                var quote = text[_position++];
                var end = text.IndexOf(quote, _position);
                if (end < 0)
                {
                    throw Error($"the value opened with {quote} is never closed");
                }
                var quoted = text[_position..end];
                _position = end + 1;
                return quoted;
            }
            return Name() ?? throw Error("expected a value");
        }

        public IReadOnlyList<string> List()
        {
            SkipSpace();
            if (!Take('('))
            {
                throw Error("expected '(' after 'in'");
            }
            var values = new List<string>();
            while (true)
            {
                values.Add(Value());
                SkipSpace();
                if (Take(')'))
                {
                    return values;
                }
                if (!Take(','))
                {
                    throw Error("expected ',' or ')' in the list");
                }
            }
        }

        public ConstraintFormatException Error(string what) =>
            new($"constraint '{text}' is not valid: {what} (at character {_position + 1}); " +
                "write labels.KEY, !labels.KEY, labels.KEY == VALUE, labels.KEY != VALUE or labels.KEY in (A, B)");

        private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/' or ':';
    }
}
