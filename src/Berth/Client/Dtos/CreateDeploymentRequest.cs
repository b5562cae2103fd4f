namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/apps/{id}/deployments</c>.</summary>
internal sealed record CreateDeploymentRequest(string Version, int Instances);
