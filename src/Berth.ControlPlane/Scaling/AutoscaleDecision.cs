namespace Berth.ControlPlane.Scaling;

/// <summary>What one evaluation decided: <see cref="Desired"/> instances (equal to the current count to hold), and why.</summary>
internal sealed record AutoscaleDecision(int Current, int Desired, string Reason)
{
    /// <summary>True when the count changes.</summary>
    public bool Changes => Desired != Current;
}
