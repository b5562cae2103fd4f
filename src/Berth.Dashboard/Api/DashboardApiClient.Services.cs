using Berth.Contracts;

namespace Berth.Dashboard.Api;

/// <summary>The managed services' calls the Services page makes.</summary>
public sealed partial class DashboardApiClient
{
    /// <summary><c>GET /v1/services</c>: the tenant's services (the admin's: every one).</summary>
    public Task<ApiResult<ServiceView[]>> ListServicesAsync(CancellationToken cancellationToken) =>
        SendAsync<ServiceView[]>(HttpMethod.Get, "v1/services", null, cancellationToken);

    /// <summary><c>GET /v1/services/{id}</c>: the service with its volume's use measured now.</summary>
    public Task<ApiResult<ServiceView>> GetServiceAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<ServiceView>(HttpMethod.Get, $"v1/services/{Escape(id)}", null, cancellationToken);

    /// <summary><c>GET /v1/services/{id}/bindings</c>.</summary>
    public Task<ApiResult<BindingView[]>> ListBindingsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<BindingView[]>(HttpMethod.Get, $"v1/services/{Escape(id)}/bindings", null, cancellationToken);

    /// <summary><c>GET /v1/services/{id}/backups</c>, newest first.</summary>
    public Task<ApiResult<BackupView[]>> ListBackupsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<BackupView[]>(HttpMethod.Get, $"v1/services/{Escape(id)}/backups", null, cancellationToken);

    /// <summary><c>POST /v1/services/{id}/restore</c>: the service's data replaced by the backup's.</summary>
    public Task<ApiResult<ServiceView>> RestoreServiceAsync(string id, string backup, CancellationToken cancellationToken) =>
        SendAsync<ServiceView>(HttpMethod.Post, $"v1/services/{Escape(id)}/restore", new RestoreServiceRequest(backup, null), cancellationToken);
}
