namespace Berth.Core.Apps;

/// <summary>Where an app's instances may go and which host is preferred.</summary>
public sealed record AppPlacement
{
    public static AppPlacement Default { get; } = new();

    /// <summary><c>spread</c>, <c>idle-cpu</c> or <c>binpack</c>; null for the server's default.</summary>
    public string? Strategy { get; init; }
    /// <summary>Host label rules such as <c>labels.disk == ssd</c>, <c>labels.zone in (a, b)</c> or <c>labels.gpu</c>; all must hold.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];
    /// <summary>An app whose hosts this one's instances must share, or null.</summary>
    public string? AffinityWith { get; init; }
    public SpreadMode Spread { get; init; } = SpreadMode.None;
    /// <summary>One instance on every eligible host, including hosts that join later, instead of a count.</summary>
    public bool Global { get; init; }
    /// <summary>The one host the instances must run on (a project group's, chosen for the group as a whole), or null.</summary>
    public string? Host { get; init; }

    /// <summary>Field-by-field equality, constraints compared by content.</summary>
    public bool Equals(AppPlacement? other) =>
        other is not null && Strategy == other.Strategy && Constraints.SequenceEqual(other.Constraints)
        && AffinityWith == other.AffinityWith && Spread == other.Spread && Global == other.Global && Host == other.Host;

    public override int GetHashCode() => HashCode.Combine(Strategy, Constraints.Count, AffinityWith, Spread, Global, Host);
}
