using Berth.Core.Apps;

namespace Berth.ControlPlane.Apis.Dtos;

public sealed record AppView(
    string Id,
    string Tenant,
    string Image,
    int Port,
    int MemoryMb,
    int CpuShares,
    IReadOnlyDictionary<string, string> Env,
    HealthCheckSpec HealthCheck,
    FailurePolicy OnFailure,
    int DrainSeconds,
    string? ActiveVersion,
    string? PreviousVersion,
    int Instances,
    DateTimeOffset CreatedAt,
    bool ReadOnlyRootFilesystem)
{
    /// <summary>The placement strategy, or null for the server's default.</summary>
    public string? Strategy { get; init; }
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

    public static AppView From(App app) => new(
        app.Id, app.Tenant, app.Image ?? app.Id, app.Port, app.MemoryMb, app.CpuShares, app.Env, app.HealthCheck, app.OnFailure,
        app.DrainSeconds, app.ActiveVersion, app.PreviousVersion, app.Instances, app.CreatedAt,
        app.ReadOnlyRootFilesystem)
    {
        Strategy = app.Placement.Strategy,
        Constraints = app.Placement.Constraints,
        Affinity = app.Placement.AffinityWith is { } with ? new AffinityRequest(with) : null,
        Spread = app.Placement.Spread == Core.Apps.SpreadMode.None ? null : "host",
        SpreadMode = app.Placement.Spread == Core.Apps.SpreadMode.None ? null : app.Placement.Spread.ToString().ToLowerInvariant(),
        Global = app.Placement.Global,
        CanaryVersion = app.CanaryVersion,
        CanaryInstances = app.CanaryInstances,
    };
}
