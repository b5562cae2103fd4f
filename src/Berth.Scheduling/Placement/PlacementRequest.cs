using Berth.Core.Apps;
using Berth.Scheduling.Constraints;

namespace Berth.Scheduling.Placement;

/// <summary>What one new instance needs from a host, and the app's rules on where it may go.</summary>
public sealed record PlacementRequest(string AppId, int MemoryMb, int CpuShares)
{
    /// <summary>The version being placed: spread rules count the instances of this version only. Null counts every version.</summary>
    public string? Version { get; init; }
    /// <summary>A strategy name from <see cref="PlacementStrategies"/>, or null for the scheduler's default.</summary>
    public string? Strategy { get; init; }
    public IReadOnlyList<LabelConstraint> Constraints { get; init; } = [];
    /// <summary>An app whose hosts the instance must share, or null.</summary>
    public string? AffinityWith { get; init; }
    public SpreadMode Spread { get; init; } = SpreadMode.None;
    /// <summary>The one host the instance may go to, or null for any.</summary>
    public string? Host { get; init; }

    /// <summary>The request for one instance of <paramref name="app"/> at <paramref name="version"/>; throws <see cref="ConstraintFormatException"/> for a bad constraint.</summary>
    public static PlacementRequest For(App app, string version) => new(app.Id, app.MemoryMb, app.CpuShares)
    {
        Version = version,
        Strategy = app.Placement.Strategy,
        Constraints = ConstraintParser.ParseAll(app.Placement.Constraints),
        AffinityWith = app.Placement.AffinityWith,
        Spread = app.Placement.Spread,
        Host = app.Placement.Host,
    };

    /// <summary>The apps whose instance counts the scheduler needs: this one and its affinity.</summary>
    public IReadOnlyCollection<string> CountedApps => AffinityWith is null ? [AppId] : [AppId, AffinityWith];
}
