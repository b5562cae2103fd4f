namespace Berth.ControlPlane.Scaling;

/// <summary>How the autoscaler decides (<c>Berth:Autoscale</c>).</summary>
public sealed class AutoscaleOptions
{
    /// <summary>How often every policy is evaluated; the traffic figures cover this long (at most 59 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a lower count must stay wanted before the app scales down to it.</summary>
    public TimeSpan StabilizationWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Observed within this fraction of the target, the count holds.</summary>
    public double Tolerance { get; set; } = 0.1;
}
