namespace Berth.ControlPlane.Scaling;

/// <summary>Container metrics (<c>Berth:Metrics</c>): how often the leader reads them and who may scrape them.</summary>
public sealed class MetricsOptions
{
    /// <summary>How often the leader reads every running instance's stats from its engine.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Client addresses or CIDR ranges allowed to read <c>/metrics</c>, as the gateway's admin clients.</summary>
    public string[] AdminClients { get; set; } = ["127.0.0.0/8", "::1"];
}
