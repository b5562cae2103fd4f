using Berth.Core.Apps;

namespace Berth.State.Rows;

/// <summary>An <c>apps</c> row as Dapper reads and writes it.</summary>
internal sealed class AppRow
{
    public const string Columns =
        "id AS Id, tenant AS Tenant, image AS Image, port AS Port, memory_mb AS MemoryMb, cpu_shares AS CpuShares, env_json AS EnvJson, " +
        "health_check_json AS HealthCheckJson, on_failure AS OnFailure, drain_seconds AS DrainSeconds, " +
        "active_version AS ActiveVersion, previous_version AS PreviousVersion, instances AS Instances, placement_json AS PlacementJson, " +
        "created_at AS CreatedAt, read_only_root_filesystem AS ReadOnlyRootFilesystem, deleting AS Deleting, " +
        "canary_version AS CanaryVersion, canary_instances AS CanaryInstances, project_json AS ProjectJson";

    public string Id { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string? Image { get; set; }
    public int Port { get; set; }
    public int MemoryMb { get; set; }
    public int CpuShares { get; set; }
    public string EnvJson { get; set; } = "";
    public string HealthCheckJson { get; set; } = "";
    public string OnFailure { get; set; } = "";
    public int DrainSeconds { get; set; }
    public string? ActiveVersion { get; set; }
    public string? PreviousVersion { get; set; }
    public int Instances { get; set; }
    /// <summary>Null for the default placement, so most rows carry none.</summary>
    public string? PlacementJson { get; set; }
    public string CreatedAt { get; set; } = "";
    public bool ReadOnlyRootFilesystem { get; set; }
    public bool Deleting { get; set; }
    public string? CanaryVersion { get; set; }
    public int CanaryInstances { get; set; }
    /// <summary>Null for an app of its own; the <see cref="ProjectService"/> for a project's service.</summary>
    public string? ProjectJson { get; set; }

    public static AppRow From(App app) => new()
    {
        Id = app.Id,
        Tenant = app.Tenant,
        Image = app.Image,
        Port = app.Port,
        MemoryMb = app.MemoryMb,
        CpuShares = app.CpuShares,
        EnvJson = StoredJson.ToText(app.Env),
        HealthCheckJson = StoredJson.ToText(app.HealthCheck),
        OnFailure = StoredEnum.ToText(app.OnFailure),
        DrainSeconds = app.DrainSeconds,
        ActiveVersion = app.ActiveVersion,
        PreviousVersion = app.PreviousVersion,
        Instances = app.Instances,
        PlacementJson = app.Placement == AppPlacement.Default ? null : StoredJson.ToText(app.Placement),
        CreatedAt = StoredTime.ToText(app.CreatedAt),
        ReadOnlyRootFilesystem = app.ReadOnlyRootFilesystem,
        Deleting = app.Deleting,
        CanaryVersion = app.CanaryVersion,
        CanaryInstances = app.CanaryInstances,
        ProjectJson = app.Project is null ? null : StoredJson.ToText(app.Project),
    };

    public App ToApp() => new()
    {
        Id = Id,
        Tenant = Tenant,
        Image = Image,
        Port = Port,
        MemoryMb = MemoryMb,
        CpuShares = CpuShares,
        Env = StoredJson.Parse<Dictionary<string, string>>(EnvJson),
        HealthCheck = StoredJson.Parse<HealthCheckSpec>(HealthCheckJson),
        OnFailure = StoredEnum.Parse<FailurePolicy>(OnFailure),
        DrainSeconds = DrainSeconds,
        ActiveVersion = ActiveVersion,
        PreviousVersion = PreviousVersion,
        Instances = Instances,
        Placement = PlacementJson is null ? AppPlacement.Default : StoredJson.Parse<AppPlacement>(PlacementJson),
        CreatedAt = StoredTime.Parse(CreatedAt),
        ReadOnlyRootFilesystem = ReadOnlyRootFilesystem,
        Deleting = Deleting,
        CanaryVersion = CanaryVersion,
        CanaryInstances = CanaryInstances,
        Project = ProjectJson is null ? null : StoredJson.Parse<ProjectService>(ProjectJson),
    };
}
