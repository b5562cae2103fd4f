using Berth.Discovery.Selection;

namespace Berth.ControlPlane;

/// <summary>
/// How one Berth control plane runs; bound from the <c>Berth</c> configuration section. The host that composes it with
/// a gateway and the dashboard extends these (<c>Berth.Hosting.BerthServerOptions</c>).
/// </summary>
public class BerthOptions
{
    public const string Section = "Berth";

    /// <summary>Holds the SQLite database and the admin token.</summary>
    public string DataDirectory { get; set; } = "data";
    public string ApiUrl { get; set; } = "http://127.0.0.1:7070";
    /// <summary>Which discovery store to use (section <c>Discovery</c>): the embedded one by default.</summary>
    public DiscoveryOptions Discovery { get; set; } = new();
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
    /// <summary>How long a host port of the range that the engine found taken by something outside Berth is skipped by placements.</summary>
    public int PortBlockMinutes { get; set; } = 10;

    /// <summary>Base64 of 32 bytes encrypting secret config values; made and kept in the data folder when empty.</summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// The PEM P-256 private key registry tokens are signed with (scripts/registry-auth.sh makes it). Set, Berth is
    /// the registry's token server and signs its own pulls; null, the registry is expected to be open.
    /// </summary>
    public string? RegistrySigningKey { get; set; }
    /// <summary>The registry's <c>auth.token.service</c>: the audience of every registry token.</summary>
    public string RegistryService { get; set; } = "berth-registry";
    /// <summary>The registry's <c>auth.token.issuer</c>.</summary>
    public string RegistryIssuer { get; set; } = "berth";
    /// <summary>How long a registry token lasts.</summary>
    public int RegistryTokenSeconds { get; set; } = 300;
    /// <summary>
    /// Failed authentications one client address may make per minute before it is refused (429) for credentials
    /// that have not worked before, and one credential may fail per minute from anywhere.
    /// </summary>
    public int AuthFailuresPerMinute { get; set; } = 10;
    /// <summary>
    /// Proxies in front of the API (addresses or CIDR ranges) whose X-Forwarded-For is believed: the client is the
    /// last address in it that is not itself a trusted proxy, as at the gateway. None by default.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
    /// <summary>
    /// The host names the API answers to (the Host header), so a web page cannot reach it through a name it
    /// controls (DNS rebinding). Empty means the API URL's host, localhost, 127.0.0.1 and ::1; <c>*</c> allows any.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];
    /// <summary>Long calls (config and event waits, log follows) one tenant may have open at once; more are refused (429).</summary>
    public int MaxWaitsPerTenant { get; set; } = 32;
    /// <summary>
    /// The quota of a tenant the admin set none for (section <c>Berth:DefaultQuota</c>): enough for a team's apps, far
    /// from all a host offers, so no tenant can take every host port or all the memory.
    /// </summary>
    public Berth.Core.Tenants.TenantResources DefaultQuota { get; set; } = new()
    {
        Apps = 50,
        Instances = 100,
        MemoryMb = 32 * 1024,
        CpuShares = 100 * 1024,
        Ports = 120,
        Services = 10,
        Domains = 50,
    };
    /// <summary>
    /// DNS servers (<c>ip:port</c>) asked for the TXT records that prove a custom domain's owner; empty means the
    /// machine's resolvers.
    /// </summary>
    public string[] DomainNameServers { get; set; } = [];
    /// <summary>Health checks, heartbeats, reconciliation and crash-loop back-off.</summary>
    public Health.SelfHealingOptions Healing { get; set; } = new();
    /// <summary>Container metrics: how often they are read, who may scrape them.</summary>
    public Scaling.MetricsOptions Metrics { get; set; } = new();
    /// <summary>Autoscaling: how often policies are evaluated, how long before scaling down.</summary>
    public Scaling.AutoscaleOptions Autoscale { get; set; } = new();
    /// <summary>Host provisioning: the provisioner executable, how many hosts it may make and when they go (<c>Berth:Provisioning</c>).</summary>
    public Provisioning.ProvisioningOptions Provisioning { get; set; } = new();
    /// <summary>Certificates over ACME for custom domains (section <c>Berth:Acme</c>); none without a directory.</summary>
    public Certificates.AcmeOptions Acme { get; set; } = new();
    /// <summary>Scheduled backups of managed services: the length of each period, how often due ones are looked for.</summary>
    public Services.BackupScheduleOptions BackupSchedule { get; set; } = new();

    public string DatabasePath => Path.Combine(DataDirectory, "berth.db");
    public string DiscoveryJournalPath => Path.Combine(DataDirectory, "discovery.journal");
    public string AdminTokenPath => Path.Combine(DataDirectory, "admin.token");
    /// <summary>Where managed services' backups are kept; default <c>{DataDirectory}/backups</c>.</summary>
    public string? BackupDirectory { get; set; }

    public string BackupsPath => BackupDirectory ?? Path.Combine(DataDirectory, "backups");
}
