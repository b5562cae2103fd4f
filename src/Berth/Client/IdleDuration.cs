using System.Globalization;

namespace Berth.Client;

/// <summary>The idle time of <c>berth autoscale set --idle</c>: whole seconds, plain or with a unit (<c>300</c>, <c>300s</c>, <c>5m</c>, <c>1h</c>).</summary>
internal static class IdleDuration
{
    /// <summary>The seconds <paramref name="text"/> names; false when it is not a positive whole number with an optional s, m or h.</summary>
    public static bool TryParse(string text, out int seconds)
    {
        seconds = 0;
        var (number, factor) = text.Length > 0 && char.IsAsciiLetter(text[^1])
            ? (text[..^1], char.ToLowerInvariant(text[^1]) switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 })
            : (text, 1);
        if (factor == 0 || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > int.MaxValue / factor)
        {
            return false;
        }

        seconds = count * factor;
        return true;
    }
}
