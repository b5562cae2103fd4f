namespace Berth.Scheduling.Placement;

/// <summary>The built-in strategy names.</summary>
public static class PlacementStrategies
{
    public const string Spread = "spread";

    public static IPlacementStrategy Default { get; } = new SpreadStrategy();
}
