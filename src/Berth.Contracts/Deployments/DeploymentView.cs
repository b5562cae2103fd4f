namespace Berth.Contracts;

/// <summary>A deployment (or a scale or rollback, which the API tracks as deployments); <see cref="State"/> is <c>pending</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c> with a reason.</summary>
public sealed record DeploymentView(
    string Id, string AppId, string Version, int Instances, string State, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary><c>rolling</c> (the version replaces the active one), <c>canary</c> (it runs beside it) or <c>restart</c> (the active version on new containers).</summary>
    public string Strategy { get; init; } = DeploymentStrategies.Rolling;
}
