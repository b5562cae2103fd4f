namespace Berth.Dashboard.Api.Models;

/// <summary>A deployment: <c>pending</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c> with a reason.</summary>
public sealed record DeploymentView(
    string Id, string AppId, string Version, int Instances, string State, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary><c>rolling</c> (the version replaces the active one) or <c>canary</c> (it runs beside it).</summary>
    public string Strategy { get; init; } = DeploymentStrategies.Rolling;

    /// <summary>True for a deployment that started a canary beside the active version.</summary>
    public bool IsCanary => Strategy == DeploymentStrategies.Canary;

    /// <summary>True while the deployment is still under way.</summary>
    public bool InProgress => State is "pending" or "running";
}
