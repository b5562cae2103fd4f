using System.Collections.Concurrent;

namespace Berth.State.Rows;

/// <summary>
/// Host labels as read: hosts mostly share a few label sets, and a snapshot reads every host, so each distinct JSON
/// text is parsed once and its read-only dictionary shared.
/// </summary>
internal static class StoredLabels
{
    // Bounded: past this many distinct sets, labels are parsed per read rather than kept.
    private const int MaxCached = 10_000;
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Parsed = new(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Parse(string json)
    {
        if (Parsed.TryGetValue(json, out var labels))
        {
            return labels;
        }
        labels = StoredJson.Parse<Dictionary<string, string>>(json).AsReadOnly();
        if (Parsed.Count < MaxCached)
        {
            Parsed.TryAdd(json, labels);
        }
        return labels;
    }
}
