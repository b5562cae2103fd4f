using Berth.Core.Apps;

namespace Berth.ControlPlane.Apis.Dtos;

public sealed record DeploymentView(
    string Id, string AppId, string Version, int Instances, DeploymentState State, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary><c>rolling</c> (the version replaces the active one) or <c>canary</c> (it runs beside it).</summary>
    public DeploymentStrategy Strategy { get; init; }

    public static DeploymentView From(Deployment d) =>
        new(d.Id, d.AppId, d.Version, d.Instances, d.State, d.Reason, d.CreatedAt, d.UpdatedAt) { Strategy = d.Strategy };
}

/// <summary>
/// The body of <c>POST /v1/apps/{id}/deployments</c>. <see cref="Strategy"/> is <c>rolling</c> (the default) or
/// <c>canary</c>: the version's instances start beside the active version, which keeps serving.
/// </summary>
public sealed record CreateDeploymentRequest(string? Version, int? Instances, string? Strategy = null);

public sealed record ScaleRequest(int? Instances);
