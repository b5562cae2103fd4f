namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/apps/{id}/deployments</c>; <see cref="Strategy"/> is <c>canary</c> or null (rolling).</summary>
internal sealed record CreateDeploymentRequest(string Version, int Instances, string? Strategy = null);
