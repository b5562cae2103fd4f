namespace Berth.Projects.Compose;

/// <summary>A service's <c>x-berth</c> block: Berth's own settings beside the Compose Specification's.</summary>
public sealed record BerthServiceSettings
{
    public static BerthServiceSettings Default { get; } = new();

    /// <summary><c>spread</c>, <c>idle-cpu</c> or <c>binpack</c>; null for the server's default.</summary>
    public string? Strategy { get; init; }
    public IReadOnlyList<string> Constraints { get; init; } = [];
    public IReadOnlyList<string> Domains { get; init; } = [];
    /// <summary>The path Berth probes; wins over a <c>healthcheck.test</c> URL.</summary>
    public string? HealthPath { get; init; }
    /// <summary>Services of one group are placed on the same host as one unit.</summary>
    public string? Group { get; init; }

    public bool Equals(BerthServiceSettings? other) =>
        other is not null && Strategy == other.Strategy && Constraints.SequenceEqual(other.Constraints)
        && Domains.SequenceEqual(other.Domains) && HealthPath == other.HealthPath && Group == other.Group;

    public override int GetHashCode() => HashCode.Combine(Strategy, Constraints.Count, Domains.Count, HealthPath, Group);
}
