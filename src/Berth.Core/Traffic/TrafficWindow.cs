namespace Berth.Core.Traffic;

/// <summary>The spans statistics are reported over.</summary>
public enum TrafficWindow
{
    /// <summary>The last 60 seconds, in one-second buckets.</summary>
    Minute,

    /// <summary>The last 60 minutes, in one-minute buckets (the current minute included).</summary>
    Hour,
}
