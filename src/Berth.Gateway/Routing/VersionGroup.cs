namespace Berth.Gateway.Routing;

/// <summary>The instances of one app version (or of every version) that a balancing policy chooses among.</summary>
internal sealed class VersionGroup(string version, RouteDestination[] destinations)
{
    private int _turn = -1;

    /// <summary>The version, or <c>*</c> for a group of every registered instance.</summary>
    public string Version { get; } = version;

    /// <summary>The instances, in discovery key order.</summary>
    public IReadOnlyList<RouteDestination> Destinations => destinations;

    internal RouteDestination[] Items => destinations;

    /// <summary>A counter that moves with every pick; unsigned so wrapping past int.MaxValue keeps cycling.</summary>
    internal uint NextTurn() => (uint)Interlocked.Increment(ref _turn);
}
