namespace Berth.Scheduling.Placement;

/// <summary>The built-in strategy names, and the strategy of each.</summary>
public static class PlacementStrategies
{
    public const string Spread = "spread";
    public const string IdleCpu = "idle-cpu";
    public const string Binpack = "binpack";

    private static readonly Dictionary<string, IPlacementStrategy> ByName = new(StringComparer.Ordinal)
    {
        [Spread] = new SpreadStrategy(),
        [IdleCpu] = new IdleCpuStrategy(),
        [Binpack] = new BinpackStrategy(),
    };

    /// <summary>The default: <see cref="Spread"/>.</summary>
    public static IPlacementStrategy Default { get; } = ByName[Spread];

    /// <summary>Every built-in name.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The strategy called <paramref name="name"/>, or null when there is none.</summary>
    public static IPlacementStrategy? Find(string? name) => name is not null && ByName.TryGetValue(name, out var strategy) ? strategy : null;
}
