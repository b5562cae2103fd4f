using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Projects.Compose;

/// <summary>The Compose Specification's duration (<c>1m30s</c>) and byte (<c>512m</c>) formats, and CPU counts.</summary>
internal static partial class ComposeUnits
{
    public static TimeSpan? ParseDuration(string text)
    {
        var matches = DurationPart().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match part in matches)
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                "us" => TimeSpan.FromMicroseconds(amount),
                _ => TimeSpan.FromTicks((long)(amount / 100)),
            };
        }

        return total;
    }

    /// <summary>Whole mebibytes, rounded up; null when the text is no byte amount.</summary>
    public static long? ParseMegabytes(string text)
    {
        var match = ByteAmount().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var factor = match.Groups[2].Value.ToLowerInvariant().TrimEnd('b') switch
        {
            "" => 1.0,
            "k" => 1024.0,
            "m" => 1024.0 * 1024,
            _ => 1024.0 * 1024 * 1024,
        };
        return (long)Math.Ceiling(amount * factor / (1024 * 1024));
    }

    /// <summary>CPU shares for a CPU count (1 CPU = 1024 shares); null when the text is no positive number.</summary>
    public static int? ParseCpuShares(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) && cpus > 0 && cpus <= 256
            ? (int)Math.Round(cpus * 1024)
            : null;

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)")]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)([bkmgBKMG]|[kmgKMG][bB])?$")]
    private static partial Regex ByteAmount();
}
