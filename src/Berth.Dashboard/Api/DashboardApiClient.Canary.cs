using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary>
    /// <c>POST /v1/apps/{id}/deployments</c> with <c>"strategy":"canary"</c>: the version starts beside the active one,
    /// which keeps serving; null instances leave the count to the API (one).
    /// </summary>
    public Task<ApiResult<DeploymentView>> DeployCanaryAsync(string id, string? version, int? instances, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(
            HttpMethod.Post, $"v1/apps/{Escape(id)}/deployments", new { version, instances, strategy = DeploymentStrategies.Canary }, cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/deployments/{deploymentId}/promote</c>: a rolling deployment of the canary's version.</summary>
    public Task<ApiResult<DeploymentView>> PromoteCanaryAsync(string id, string deploymentId, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Post, $"v1/apps/{Escape(id)}/deployments/{Escape(deploymentId)}/promote", null, cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/deployments/{deploymentId}/abort</c>: answers once the canary's instances are gone.</summary>
    public Task<ApiResult<DeploymentView>> AbortCanaryAsync(string id, string deploymentId, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Post, $"v1/apps/{Escape(id)}/deployments/{Escape(deploymentId)}/abort", null, cancellationToken);
}
