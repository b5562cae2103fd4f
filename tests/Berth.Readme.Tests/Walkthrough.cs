namespace Berth.Readme.Tests;

/// <summary>The command lines of the README's "A two-minute walkthrough" block (or another section's), exactly as printed.</summary>
internal static class Walkthrough
{
    public const string Heading = "## A two-minute walkthrough";

    /// <summary>The managed services' section, whose block goes on from the walkthrough's.</summary>
    public const string ServicesHeading = "## Managed services (PostgreSQL, MariaDB, Redis)";

    /// <summary>The non-empty lines of the first fenced block after <paramref name="heading"/>, in order.</summary>
    public static IReadOnlyList<string> Commands(string readme, string heading = Heading)
    {
        var lines = readme.ReplaceLineEndings("\n").Split('\n');
        var at = Array.IndexOf(lines, heading);
        if (at < 0)
        {
            throw new InvalidOperationException($"README.md has no line '{heading}'");
        }

        var open = Array.FindIndex(lines, at, line => line.StartsWith("```", StringComparison.Ordinal));
        var close = open < 0 ? -1 : Array.FindIndex(lines, open + 1, line => line.StartsWith("```", StringComparison.Ordinal));
        if (close < 0)
        {
            throw new InvalidOperationException($"'{heading}' has no fenced block");
        }

        return lines[(open + 1)..close].Where(line => line.Trim().Length > 0).ToArray();
    }

    /// <summary>Whether the line follows forever (<c>-f</c>) and must be stopped.</summary>
    public static bool Follows(string line) => Code(line).Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("-f");

    /// <summary>The line without its trailing comment (from the first <c> # </c>; no command of the block has one).</summary>
    public static string Code(string line)
    {
        var comment = line.IndexOf(" # ", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).Trim();
    }

    /// <summary>The line's comment, empty when it has none.</summary>
    public static string Comment(string line)
    {
        var comment = line.IndexOf(" # ", StringComparison.Ordinal);
        return comment < 0 ? "" : line[(comment + 3)..].Trim();
    }
}
