namespace Berth.ControlPlane.Health;

/// <summary>How fast Berth notices failures and how patiently it heals them (<c>Berth:Healing</c>).</summary>
public sealed class SelfHealingOptions
{
    /// <summary>How often the reconciler compares the store with the engines and discovery.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each host's engine is pinged.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a ping may take before it counts as missed.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed heartbeats in a row that mark a host down.</summary>
    public int HeartbeatMisses { get; set; } = 3;

    /// <summary>
    /// How often each host's ports are compared with what its engine's containers and (on this machine) its
    /// listening sockets hold; an engine's report of a stranger's container starting surveys at once as well.
    /// Zero turns the survey off (taken ports are then found when a start fails, one at a time).
    /// </summary>
    public TimeSpan PortSurveyInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the second restart of a crash loop; each further restart waits twice as long.</summary>
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two restarts of one instance.</summary>
    public TimeSpan MaxRestartBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An instance whose last restart is older than this starts its back-off afresh.</summary>
    public TimeSpan BackoffReset { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many of its last log lines a failed instance leaves in its event.</summary>
    public int FailureLogLines { get; set; } = 50;

    /// <summary>How long a leader's lease lasts without renewal, when control planes elect one.</summary>
    public TimeSpan LeaderTtl { get; set; } = TimeSpan.FromSeconds(10);
}
