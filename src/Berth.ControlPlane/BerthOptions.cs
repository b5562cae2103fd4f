namespace Berth.ControlPlane;

/// <summary>How one Berth server runs; bound from the <c>Berth</c> configuration section.</summary>
public sealed class BerthOptions
{
    public const string Section = "Berth";

    /// <summary>Holds the SQLite database and the admin token.</summary>
    public string DataDirectory { get; set; } = "data";
    public string ApiUrl { get; set; } = "http://127.0.0.1:7070";
    public string GatewayUrl { get; set; } = "http://127.0.0.1:7080";
    /// <summary>The registry images are pulled from: <c>{Registry}/{appId}:{version}</c>.</summary>
    public string Registry { get; set; } = "127.0.0.1:5000";
    /// <summary>The domain apps are reached under: <c>{appId}.{BaseDomain}</c>.</summary>
    public string BaseDomain { get; set; } = "localhost";

    /// <summary>The host this server registers for its own engine on start.</summary>
    public string LocalHostName { get; set; } = "local";
    public string LocalEngine { get; set; } = "unix:///var/run/docker.sock";
    public string LocalAdvertiseIp { get; set; } = "127.0.0.1";
    public string LocalPortRange { get; set; } = "25000-25999";
    /// <summary>
    /// CPU shares are weights that only bite under contention, not a hard cut of a CPU, so a host offers
    /// 1024 shares per CPU times this factor: eight default (1024-share) instances per CPU at most.
    /// </summary>
    public int LocalCpuOvercommit { get; set; } = 8;

    /// <summary>How long a new instance may take to pass its first health check.</summary>
    public int StartupTimeoutSeconds { get; set; } = 60;
    /// <summary>How many instances of one deployment start at once.</summary>
    public int LaunchParallelism { get; set; } = 4;

    /// <summary>Base64 of 32 bytes encrypting secret config values; made and kept in the data folder when empty.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Health checks, heartbeats, reconciliation and crash-loop back-off.</summary>
    public Health.SelfHealingOptions Healing { get; set; } = new();

    public string DatabasePath => Path.Combine(DataDirectory, "berth.db");
    public string AdminTokenPath => Path.Combine(DataDirectory, "admin.token");
}
