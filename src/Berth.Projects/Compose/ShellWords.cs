using System.Text;

namespace Berth.Projects.Compose;

/// <summary>Splits a command line into arguments the way Compose does for a string <c>command</c>: blanks separate, quotes group, backslash escapes.</summary>
internal static class ShellWords
{
    /// <summary>The arguments, or null when a quote is not closed.</summary>
    public static List<string>? Split(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else if (c == '\\' && quote == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                {
                    current.Append(line[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '\\' && i + 1 < line.Length)
                {
                    current.Append(line[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
        }

        if (quote is not null)
        {
            return null;
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
