namespace Berth.ControlPlane.Scaling;

/// <summary>
/// A streak of evaluations that wanted fewer instances: since when, and the most any of them wanted, which is what
/// the app scales down to once the streak lasted the stabilization window.
/// </summary>
internal sealed record ScaleDownWatch(DateTimeOffset Since, int Highest);
