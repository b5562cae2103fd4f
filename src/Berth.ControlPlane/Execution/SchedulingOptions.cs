namespace Berth.ControlPlane.Execution;

/// <summary>How the control plane places instances; bound from the <c>Scheduling</c> configuration section.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>The strategy of apps that name none: <c>spread</c>, <c>idle-cpu</c> or <c>binpack</c>.</summary>
    public string DefaultStrategy { get; set; } = Scheduling.Placement.PlacementStrategies.Spread;
}
