using Berth.Core.Apps;

namespace Berth.ControlPlane.Apis.Dtos;

public sealed record DeploymentView(
    string Id, string AppId, string Version, int Instances, DeploymentState State, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DeploymentView From(Deployment d) => new(d.Id, d.AppId, d.Version, d.Instances, d.State, d.Reason, d.CreatedAt, d.UpdatedAt);
}

public sealed record CreateDeploymentRequest(string? Version, int? Instances);

public sealed record ScaleRequest(int? Instances);
