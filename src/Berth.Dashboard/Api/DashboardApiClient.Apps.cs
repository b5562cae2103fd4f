using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary><c>GET /v1/apps</c>: the caller's apps (every app for the admin).</summary>
    public Task<ApiResult<AppView[]>> ListAppsAsync(CancellationToken cancellationToken) =>
        SendAsync<AppView[]>(HttpMethod.Get, "v1/apps", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}</c>.</summary>
    public Task<ApiResult<AppView>> GetAppAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<AppView>(HttpMethod.Get, $"v1/apps/{Escape(id)}", null, cancellationToken);

    /// <summary><c>POST /v1/apps</c>.</summary>
    public Task<ApiResult<AppView>> CreateAppAsync(CreateAppRequest request, CancellationToken cancellationToken) =>
        SendAsync<AppView>(HttpMethod.Post, "v1/apps", request, cancellationToken);

    /// <summary><c>DELETE /v1/apps/{id}</c>: answers once the app's containers are gone.</summary>
    public Task<ApiResult<bool>> DeleteAppAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"v1/apps/{Escape(id)}", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/instances</c>.</summary>
    public Task<ApiResult<InstanceView[]>> ListInstancesAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<InstanceView[]>(HttpMethod.Get, $"v1/apps/{Escape(id)}/instances", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/stats?window=minute|hour</c>.</summary>
    public Task<ApiResult<StatsView>> GetStatsAsync(string id, string window, CancellationToken cancellationToken) =>
        SendAsync<StatsView>(HttpMethod.Get, $"v1/apps/{Escape(id)}/stats?window={Escape(window)}", null, cancellationToken);
}
