namespace Berth.Core.Apps;

/// <summary>One request to run a version of an app with a number of instances, and how it went.</summary>
public sealed record Deployment
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public required string Version { get; init; }
    public int Instances { get; init; }
    /// <summary>How the version goes live: replacing the active version (rolling) or beside it (canary).</summary>
    public DeploymentStrategy Strategy { get; init; } = DeploymentStrategy.Rolling;
    public DeploymentState State { get; init; } = DeploymentState.Pending;
    /// <summary>Why the deployment failed, or what it is doing now.</summary>
    public string? Reason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
