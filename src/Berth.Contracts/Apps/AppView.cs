namespace Berth.Contracts;

/// <summary>An app as the API shows it; <see cref="OnFailure"/> is <c>restart</c>, <c>replace</c> or <c>remove</c>.</summary>
public sealed record AppView(
    string Id,
    string Tenant,
    string Image,
    int Port,
    int MemoryMb,
    int CpuShares,
    IReadOnlyDictionary<string, string> Env,
    HealthCheckView HealthCheck,
    string OnFailure,
    int DrainSeconds,
    string? ActiveVersion,
    string? PreviousVersion,
    int Instances,
    DateTimeOffset CreatedAt,
    bool ReadOnlyRootFilesystem)
{
    /// <summary>The placement strategy, or null for the server's default.</summary>
    public string? Strategy { get; init; }

    /// <summary>Host label rules, e.g. <c>labels.disk == ssd</c>; all must hold.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary><c>{"with": "other-app"}</c>, or null.</summary>
    public AffinityRequest? Affinity { get; init; }

    /// <summary><c>host</c>, or null when instances may share hosts.</summary>
    public string? Spread { get; init; }

    /// <summary><c>hard</c> or <c>soft</c> with <see cref="Spread"/>.</summary>
    public string? SpreadMode { get; init; }

    /// <summary>True for <c>"instances": "global"</c>: one instance per eligible host.</summary>
    public bool Global { get; init; }

    /// <summary>The version running beside the active one until it is promoted or aborted, or null.</summary>
    public string? CanaryVersion { get; init; }

    /// <summary>How many instances of <see cref="CanaryVersion"/> run.</summary>
    public int CanaryInstances { get; init; }
}
