namespace Berth.Projects.Compose;

/// <summary>
/// The <c>env_file</c> format: <c>KEY=VALUE</c> lines, <c>#</c> comments, an optional <c>export</c>, values
/// optionally in single (literal) or double quotes (with <c>\n</c>, <c>\"</c> and <c>\\</c> escapes).
/// </summary>
internal static class EnvFile
{
    /// <summary>The variables in file order (a later line wins); throws <see cref="FormatException"/> naming the line.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string content)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"line {number}: expected NAME=VALUE");
            }

            var name = line[..equals].Trim();
            variables[name] = Value(line[(equals + 1)..].TrimStart(), number);
        }

        return variables;
    }

    private static string Value(string text, int number)
    {
        if (text.Length > 0 && text[0] is '\'' or '"')
        {
            var close = text.LastIndexOf(text[0]);
            if (close == 0)
            {
                throw new FormatException($"line {number}: the quote is not closed");
            }

            var inner = text[1..close];
            return text[0] == '\'' ? inner : inner.Replace("\\n", "\n").Replace("\\\"", "\"").Replace("\\\\", "\\");
        }

        var comment = text.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? text[..comment] : text).TrimEnd();
    }
}
