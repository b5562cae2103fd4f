namespace Berth.Core.Traffic;

/// <summary>Names of <see cref="TrafficWindow"/> as URLs carry them.</summary>
public static class TrafficWindows
{
    /// <summary>Reads <c>minute</c> or <c>hour</c> (missing: minute); false for anything else.</summary>
    public static bool TryParse(string? text, out TrafficWindow window)
    {
        window = TrafficWindow.Minute;
        switch (text)
        {
            case null or "" or "minute":
                return true;
            case "hour":
                window = TrafficWindow.Hour;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The URL name of a window.</summary>
    public static string Name(this TrafficWindow window) => window == TrafficWindow.Hour ? "hour" : "minute";
}
