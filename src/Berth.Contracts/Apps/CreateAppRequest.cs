using System.Text.Json;

namespace Berth.Contracts;

/// <summary>The body of <c>POST /v1/apps</c>; every field but the id has a default.</summary>
/// <param name="OnFailure"><c>restart</c>, <c>replace</c> or <c>remove</c>.</param>
/// <param name="Strategy">Placement strategy: <c>spread</c>, <c>idle-cpu</c> or <c>binpack</c>; the server's default when absent.</param>
/// <param name="Constraints">Host label rules, e.g. <c>labels.disk == ssd</c>; all must hold.</param>
/// <param name="Affinity">Run only on hosts that run another app: <c>{"with": "db"}</c>.</param>
/// <param name="Spread"><c>host</c>: instances of a version on different hosts.</param>
/// <param name="SpreadMode"><c>hard</c> (the default: fail when impossible) or <c>soft</c> (prefer).</param>
/// <param name="Instances"><c>"global"</c>: one instance on every eligible host, also on hosts that join later.</param>
public sealed record CreateAppRequest(
    string? Id,
    string? Image,
    int? Port,
    int? MemoryMb,
    int? CpuShares,
    IReadOnlyDictionary<string, string>? Env,
    HealthCheckRequest? HealthCheck,
    string? OnFailure,
    int? DrainSeconds,
    bool? ReadOnlyRootFilesystem = null,
    string? Strategy = null,
    IReadOnlyList<string>? Constraints = null,
    AffinityRequest? Affinity = null,
    string? Spread = null,
    string? SpreadMode = null,
    JsonElement? Instances = null);
