using Berth.Contracts;

namespace Berth.Client;

/// <summary>The managed services' calls.</summary>
internal sealed partial class BerthApiClient
{
    /// <summary><c>POST /v1/services</c>: answers once the service runs, or failed with its reason.</summary>
    public Task<ApiResponse<ServiceView>> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken) =>
        SendAsync<ServiceView>(HttpMethod.Post, "v1/services", request, cancellationToken);

    /// <summary><c>GET /v1/services</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<ServiceView>>> ListServicesAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<ServiceView>>(HttpMethod.Get, "v1/services", null, cancellationToken);

    /// <summary><c>GET /v1/services/{id}</c>.</summary>
    public Task<ApiResponse<ServiceView>> GetServiceAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<ServiceView>(HttpMethod.Get, $"v1/services/{Escape(id)}", null, cancellationToken);

    /// <summary><c>DELETE /v1/services/{id}[?purge=true]</c>.</summary>
    public Task RemoveServiceAsync(string id, bool purge, CancellationToken cancellationToken) =>
        DeleteAsync($"v1/services/{Escape(id)}{(purge ? "?purge=true" : "")}", cancellationToken);

    /// <summary><c>GET /v1/services/{id}/events</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<AppEventView>>> ListServiceEventsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AppEventView>>(HttpMethod.Get, $"v1/services/{Escape(id)}/events", null, cancellationToken);

    /// <summary><c>GET /v1/services/{id}/logs?tail=N</c> as text.</summary>
    public async Task<string> GetServiceLogsAsync(string id, int? tail, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync(
            $"v1/services/{Escape(id)}/logs{(tail is { } lines ? $"?tail={lines}" : "")}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary><c>POST /v1/services/{id}/bindings</c>: answers once the app's rolling restart ended.</summary>
    public Task<ApiResponse<BindingView>> BindServiceAsync(string id, CreateBindingRequest request, CancellationToken cancellationToken) =>
        SendAsync<BindingView>(HttpMethod.Post, $"v1/services/{Escape(id)}/bindings", request, cancellationToken);

    /// <summary><c>GET /v1/services/{id}/bindings</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<BindingView>>> ListBindingsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<BindingView>>(HttpMethod.Get, $"v1/services/{Escape(id)}/bindings", null, cancellationToken);

    /// <summary><c>DELETE /v1/services/{id}/bindings/{app}</c>: answers once the app rolled out without it and its user is dropped.</summary>
    public Task<ApiResponse<BindingView>> UnbindServiceAsync(string id, string app, CancellationToken cancellationToken) =>
        SendAsync<BindingView>(HttpMethod.Delete, $"v1/services/{Escape(id)}/bindings/{Escape(app)}", null, cancellationToken);

    /// <summary><c>POST /v1/services/{id}/backups</c>: the backup, succeeded or failed with its reason.</summary>
    public Task<ApiResponse<BackupView>> BackupServiceAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<BackupView>(HttpMethod.Post, $"v1/services/{Escape(id)}/backups", null, cancellationToken);

    /// <summary><c>PUT /v1/services/{id}/backup-schedule</c>.</summary>
    public Task<ApiResponse<BackupScheduleView>> ScheduleBackupsAsync(string id, BackupScheduleRequest request, CancellationToken cancellationToken) =>
        SendAsync<BackupScheduleView>(HttpMethod.Put, $"v1/services/{Escape(id)}/backup-schedule", request, cancellationToken);

    /// <summary><c>DELETE /v1/services/{id}/backup-schedule</c>.</summary>
    public Task UnscheduleBackupsAsync(string id, CancellationToken cancellationToken) =>
        DeleteAsync($"v1/services/{Escape(id)}/backup-schedule", cancellationToken);

    /// <summary><c>GET /v1/services/{id}/backups</c>, newest first.</summary>
    public Task<ApiResponse<IReadOnlyList<BackupView>>> ListBackupsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<BackupView>>(HttpMethod.Get, $"v1/services/{Escape(id)}/backups", null, cancellationToken);

    /// <summary><c>POST /v1/services/{id}/move</c>: answers once the service runs on the other host and its apps rolled out.</summary>
    public Task<ApiResponse<ServiceMoveView>> MoveServiceAsync(string id, MoveServiceRequest request, CancellationToken cancellationToken) =>
        SendAsync<ServiceMoveView>(HttpMethod.Post, $"v1/services/{Escape(id)}/move", request, cancellationToken);

    /// <summary><c>POST /v1/services/{id}/restore</c>: the service restored into.</summary>
    public Task<ApiResponse<ServiceView>> RestoreServiceAsync(string id, RestoreServiceRequest request, CancellationToken cancellationToken) =>
        SendAsync<ServiceView>(HttpMethod.Post, $"v1/services/{Escape(id)}/restore", request, cancellationToken);
}
