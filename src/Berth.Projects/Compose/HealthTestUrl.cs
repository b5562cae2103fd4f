namespace Berth.Projects.Compose;

/// <summary>The path a Compose health test fetches from the container itself, which Berth then probes over HTTP.</summary>
internal static class HealthTestUrl
{
    private static readonly string[] Hosts = ["localhost", "127.0.0.1", "[::1]", "0.0.0.0"];

    /// <summary>
    /// The path of the first <c>http://localhost[:port]/…</c> argument of a <c>["CMD", …]</c>, <c>["CMD-SHELL", "…"]</c>
    /// or plain test; null when it fetches no such URL.
    /// </summary>
    public static string? PathOf(IReadOnlyList<string> test)
    {
        IEnumerable<string> words = test.Count > 0 && test[0] == "CMD-SHELL"
            ? test.Skip(1).SelectMany(line => ShellWords.Split(line) ?? [])
            : test.Count > 0 && test[0] == "CMD" ? test.Skip(1) : test;
        foreach (var word in words)
        {
            if (Uri.TryCreate(word, UriKind.Absolute, out var url) && url.Scheme == "http" && Hosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            {
                return url.PathAndQuery;
            }
        }

        return null;
    }
}
