using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary><c>GET /v1/apps/{id}/deployments</c>, newest first.</summary>
    public Task<ApiResult<DeploymentView[]>> ListDeploymentsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView[]>(HttpMethod.Get, $"v1/apps/{Escape(id)}/deployments", null, cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/deployments</c>; null instances keep the app's count.</summary>
    public Task<ApiResult<DeploymentView>> DeployAsync(string id, string? version, int? instances, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Post, $"v1/apps/{Escape(id)}/deployments", new { version, instances }, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/scale</c>.</summary>
    public Task<ApiResult<DeploymentView>> ScaleAsync(string id, int? instances, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Put, $"v1/apps/{Escape(id)}/scale", new { instances }, cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/rollback</c>.</summary>
    public Task<ApiResult<DeploymentView>> RollbackAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Post, $"v1/apps/{Escape(id)}/rollback", null, cancellationToken);

    /// <summary>
    /// <c>GET /v1/apps/{id}/versions</c>: the versions the registry holds, offered when deploying. Optional: without an
    /// answer the version is typed by hand.
    /// </summary>
    public Task<ApiResult<AppVersionsView>> ListVersionsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<AppVersionsView>(HttpMethod.Get, $"v1/apps/{Escape(id)}/versions", null, session.Token, cancellationToken, optional: true);
}
