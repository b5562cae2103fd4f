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
    public static AppView From(App app) => new(
        app.Id, app.Tenant, app.Image ?? app.Id, app.Port, app.MemoryMb, app.CpuShares, app.Env, app.HealthCheck, app.OnFailure,
        app.DrainSeconds, app.ActiveVersion, app.PreviousVersion, app.Instances, app.CreatedAt,
        app.ReadOnlyRootFilesystem);
}
