namespace Berth.ControlPlane.Provisioning;

/// <summary>
/// Host provisioning (<c>Berth:Provisioning</c>): the operator's provisioner executable and its limits. Without an
/// <see cref="Executable"/> Berth never provisions, and a placement that finds no room fails as it always did.
/// </summary>
public sealed class ProvisioningOptions
{
    /// <summary>The provisioner: <c>create</c> makes a host and prints it, <c>destroy NAME</c> removes it (see the README).</summary>
    public string? Executable { get; set; }

    /// <summary>How many provisioned hosts may exist at once.</summary>
    public int MaxHosts { get; set; } = 3;

    /// <summary>How long after one host was made before another may be.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a provisioned host must stay empty before it is drained and destroyed.</summary>
    public TimeSpan EmptyHostTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often provisioned hosts are looked at for emptiness.</summary>
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one run of the provisioner may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a new host's engine has to answer once the provisioner printed it.</summary>
    public TimeSpan EngineTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
