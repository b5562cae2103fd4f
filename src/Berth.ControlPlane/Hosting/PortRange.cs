namespace Berth.ControlPlane.Hosting;

/// <summary>Parses <c>25000-25999</c>.</summary>
internal static class PortRange
{
    public static (int Start, int End) Parse(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], out var start) && int.TryParse(parts[1], out var end)
            && start is > 0 and <= 65535 && end is > 0 and <= 65535 && start <= end)
        {
            return (start, end);
        }

        throw new FormatException($"port range '{text}' is not of the form START-END with 1 <= START <= END <= 65535");
    }
}
