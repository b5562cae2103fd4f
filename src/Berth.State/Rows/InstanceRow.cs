using Berth.Core.Instances;

namespace Berth.State.Rows;

/// <summary>An <c>instances</c> row as Dapper reads and writes it.</summary>
internal sealed class InstanceRow
{
    public const string Columns =
        "id AS Id, app_id AS AppId, version AS Version, deployment_id AS DeploymentId, host_name AS HostName, host_ip AS HostIp, " +
        "host_port AS HostPort, memory_mb AS MemoryMb, cpu_shares AS CpuShares, container_id AS ContainerId, state AS State, " +
        "health AS Health, created_at AS CreatedAt, updated_at AS UpdatedAt, " +
        "restart_count AS RestartCount, last_restart_at AS LastRestartAt, next_restart_at AS NextRestartAt, unhealthy_since AS UnhealthySince";

    /// <summary>The columns an insert names, in the order of <see cref="ValuesFor"/>.</summary>
    public const string InsertColumns =
        "id, app_id, version, deployment_id, host_name, host_ip, host_port, memory_mb, cpu_shares, container_id, state, health, created_at, updated_at";

    private static readonly string[] Properties =
        ["Id", "AppId", "Version", "DeploymentId", "HostName", "HostIp", "HostPort", "MemoryMb", "CpuShares", "ContainerId", "State", "Health", "CreatedAt", "UpdatedAt"];

    public string Id { get; set; } = "";
    public string AppId { get; set; } = "";
    public string Version { get; set; } = "";
    public string DeploymentId { get; set; } = "";
    public string HostName { get; set; } = "";
    public string HostIp { get; set; } = "";
    public int HostPort { get; set; }
    public int MemoryMb { get; set; }
    public int CpuShares { get; set; }
    public string? ContainerId { get; set; }
    public string State { get; set; } = "";
    public string Health { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public int RestartCount { get; set; }
    public string? LastRestartAt { get; set; }
    public string? NextRestartAt { get; set; }
    public string? UnhealthySince { get; set; }

    public static InstanceRow From(Instance instance) => new()
    {
        Id = instance.Id,
        AppId = instance.AppId,
        Version = instance.Version,
        DeploymentId = instance.DeploymentId,
        HostName = instance.HostName,
        HostIp = instance.HostIp,
        HostPort = instance.HostPort,
        MemoryMb = instance.MemoryMb,
        CpuShares = instance.CpuShares,
        ContainerId = instance.ContainerId,
        State = StoredEnum.ToText(instance.State),
        Health = StoredEnum.ToText(instance.Health),
        CreatedAt = StoredTime.ToText(instance.CreatedAt),
        UpdatedAt = StoredTime.ToText(instance.UpdatedAt),
        RestartCount = instance.RestartCount,
        LastRestartAt = instance.LastRestartAt is { } last ? StoredTime.ToText(last) : null,
        NextRestartAt = instance.NextRestartAt is { } next ? StoredTime.ToText(next) : null,
        UnhealthySince = instance.UnhealthySince is { } since ? StoredTime.ToText(since) : null,
    };

    /// <summary>The <c>(…)</c> of row <paramref name="index"/> in a multi-row insert, its parameters suffixed with the index.</summary>
    public static string ValuesFor(int index) => $"({string.Join(", ", Properties.Select(p => $"@{p}{index}"))})";

    /// <summary>This row's values as the parameters <see cref="ValuesFor"/> names for <paramref name="index"/>.</summary>
    public Dictionary<string, object?> Numbered(int index) => new()
    {
        [$"Id{index}"] = Id,
        [$"AppId{index}"] = AppId,
        [$"Version{index}"] = Version,
        [$"DeploymentId{index}"] = DeploymentId,
        [$"HostName{index}"] = HostName,
        [$"HostIp{index}"] = HostIp,
        [$"HostPort{index}"] = HostPort,
        [$"MemoryMb{index}"] = MemoryMb,
        [$"CpuShares{index}"] = CpuShares,
        [$"ContainerId{index}"] = ContainerId,
        [$"State{index}"] = State,
        [$"Health{index}"] = Health,
        [$"CreatedAt{index}"] = CreatedAt,
        [$"UpdatedAt{index}"] = UpdatedAt,
    };

    public Instance ToInstance() => new()
    {
        Id = Id,
        AppId = AppId,
        Version = Version,
        DeploymentId = DeploymentId,
        HostName = HostName,
        HostIp = HostIp,
        HostPort = HostPort,
        MemoryMb = MemoryMb,
        CpuShares = CpuShares,
        ContainerId = ContainerId,
        State = StoredEnum.Parse<InstanceState>(State),
        Health = StoredEnum.Parse<InstanceHealth>(Health),
        CreatedAt = StoredTime.Parse(CreatedAt),
        UpdatedAt = StoredTime.Parse(UpdatedAt),
        RestartCount = RestartCount,
        LastRestartAt = LastRestartAt is null ? null : StoredTime.Parse(LastRestartAt),
        NextRestartAt = NextRestartAt is null ? null : StoredTime.Parse(NextRestartAt),
        UnhealthySince = UnhealthySince is null ? null : StoredTime.Parse(UnhealthySince),
    };
}
