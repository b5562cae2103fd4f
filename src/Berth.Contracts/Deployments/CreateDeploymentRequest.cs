namespace Berth.Contracts;

/// <summary>
/// The body of <c>POST /v1/apps/{id}/deployments</c>. <see cref="Strategy"/> is <c>rolling</c> (the default) or
/// <c>canary</c>: the version's instances start beside the active version, which keeps serving.
/// </summary>
public sealed record CreateDeploymentRequest(string? Version, int? Instances, string? Strategy = null);
