namespace Berth.Dashboard.Api.Models;

/// <summary>A deployment: <c>pending</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c> with a reason.</summary>
public sealed record DeploymentView(
    string Id, string AppId, string Version, int Instances, string State, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>True while the deployment is still under way.</summary>
    public bool InProgress => State is "pending" or "running";
}
