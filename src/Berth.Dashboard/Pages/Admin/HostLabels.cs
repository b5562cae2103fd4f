namespace Berth.Dashboard.Pages.Admin;

/// <summary>A host's labels as one line people edit: <c>disk=ssd, zone=a</c>.</summary>
internal static class HostLabels
{
    /// <summary>The labels as text, sorted by key.</summary>
    public static string Format(IReadOnlyDictionary<string, string> labels) =>
        string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    /// <summary>Reads <c>key=value</c> items separated by commas; the error says which item is not one.</summary>
    public static (Dictionary<string, string>? Labels, string? Error) Parse(string? text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, $"'{item}' is not key=value; write labels as key=value, separated by commas");
            }

            var key = item[..equals].Trim();
            if (!labels.TryAdd(key, item[(equals + 1)..].Trim()))
            {
                return (null, $"label '{key}' is given twice");
            }
        }

        return (labels, null);
    }
}
