namespace Berth.ControlPlane.Apis;

/// <summary>
/// Orders image tags newest first the way people number versions: <c>v10</c> before <c>v9</c> before <c>v2</c>,
/// <c>1.10.0</c> before <c>1.9.3</c>, a release before its pre-releases (<c>2.0.0</c> before <c>2.0.0-rc1</c>), and
/// names that are not numbered (<c>latest</c>, <c>main</c>) after every numbered version, alphabetically.
/// </summary>
internal sealed class VersionOrder : IComparer<string>
{
    /// <summary>The one instance; it holds no state.</summary>
    public static VersionOrder NewestFirst { get; } = new();

    public int Compare(string? x, string? y)
    {
        var (a, b) = (Numbered(x ?? ""), Numbered(y ?? ""));
        if (a is null || b is null)
        {
            return a is not null ? -1 : b is not null ? 1 : string.CompareOrdinal(x, y);
        }

        // Newest first: the greater version comes first.
        var byVersion = Ascending(a, b);
        return byVersion != 0 ? -byVersion : string.CompareOrdinal(x, y);
    }

    /// <summary>The tag without a leading <c>v</c> when what follows starts with a digit; null for a tag that is not numbered.</summary>
    private static string? Numbered(string tag)
    {
        var text = tag.Length > 1 && tag[0] is 'v' or 'V' ? tag[1..] : tag;
        return text.Length > 0 && char.IsAsciiDigit(text[0]) ? text : null;
    }

    /// <summary>Compares run by run: runs of digits by value, other runs by their characters.</summary>
    private static int Ascending(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var (runA, runB) = (Run(a, i), Run(b, j));
            var digits = char.IsAsciiDigit(runA[0]) && char.IsAsciiDigit(runB[0]);
            var order = digits ? CompareNumbers(runA, runB) : string.CompareOrdinal(runA, runB);
            if (order != 0)
            {
                return order;
            }

            (i, j) = (i + runA.Length, j + runB.Length);
        }

        // One is the other plus more: a pre-release suffix (-rc1) makes it older, anything else (.1) newer.
        return i < a.Length ? (a[i] == '-' ? -1 : 1) : j < b.Length ? (b[j] == '-' ? 1 : -1) : 0;
    }

    private static string Run(string text, int start)
    {
        var digits = char.IsAsciiDigit(text[start]);
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]) == digits)
        {
            end++;
        }

        return text[start..end];
    }

    /// <summary>Compares digit runs of any length by value.</summary>
    private static int CompareNumbers(string a, string b)
    {
        var (x, y) = (a.TrimStart('0'), b.TrimStart('0'));
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
    }
}
