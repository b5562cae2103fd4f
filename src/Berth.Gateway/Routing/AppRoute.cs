namespace Berth.Gateway.Routing;

/// <summary>
/// The instances of one app in a <see cref="RouteTable"/>. Immutable except for the round-robin counter, which moves
/// with every pick so the table itself never has to change under readers.
/// </summary>
public sealed class AppRoute(string appId, RouteDestination[] destinations)
{
    private int _next = -1;

    /// <summary>The app these instances belong to.</summary>
    public string AppId { get; } = appId;

    /// <summary>The instances, in key order; empty for an app that is known but has none running.</summary>
    public IReadOnlyList<RouteDestination> Destinations => destinations;

    /// <summary>The next instance in round-robin order; null when the app has none.</summary>
    public RouteDestination? Pick()
    {
        var all = destinations;
        if (all.Length == 0)
        {
            return null;
        }

        // Unsigned, so the counter wrapping past int.MaxValue keeps cycling instead of turning negative.
        var turn = (uint)Interlocked.Increment(ref _next);
        return all[turn % (uint)all.Length];
    }
}
