using Berth.Core.Apps;

namespace Berth.Client.Dtos;

/// <summary>A deployment (or a scale or rollback, which the API tracks as deployments) as the API returns it.</summary>
internal sealed record DeploymentView(
    string Id,
    string AppId,
    string Version,
    int Instances,
    DeploymentState State,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Rolling (the version replaces the active one) or canary (it runs beside it).</summary>
    public DeploymentStrategy Strategy { get; init; }
}
