namespace Berth.ZooKeeper;

/// <summary>ZooKeeper's rules for node paths, checked before a request is sent so bad input fails clearly.</summary>
internal static class Paths
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="path"/> is a valid absolute node path.</summary>
    /// <param name="path">The path.</param>
    /// <param name="sequential">A sequential create: the server appends a counter, so a trailing slash is allowed.</param>
    public static void Validate(string path, bool sequential = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Problem(sequential ? path + "0" : path) is { } problem)
        {
            throw new ArgumentException($"'{path}' is not a valid ZooKeeper path: {problem}.", nameof(path));
        }
    }

    /// <summary>The parent of a path other than the root.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private static string? Problem(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return "it must start with '/'";
        }

        if (path.Length == 1)
        {
            return null;
        }

        if (path[^1] == '/')
        {
            return "it must not end with '/'";
        }

        foreach (var segment in path[1..].Split('/'))
        {
            if (segment.Length == 0)
            {
                return "it has an empty segment";
            }

            if (segment is "." or "..")
            {
                return "relative segments ('.', '..') are not allowed";
            }

            if (segment.Any(c => c == '\0' || char.IsControl(c) || char.IsSurrogate(c) || c >= '\ufff0'))
            {
                return "it contains a control or otherwise disallowed character";
            }
        }

        return null;
    }
}
