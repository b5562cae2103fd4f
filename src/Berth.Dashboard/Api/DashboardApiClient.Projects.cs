using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary><c>GET /v1/projects</c>: the caller's projects (every project for the admin).</summary>
    public Task<ApiResult<ProjectView[]>> ListProjectsAsync(CancellationToken cancellationToken) =>
        SendAsync<ProjectView[]>(HttpMethod.Get, "v1/projects", null, cancellationToken);

    /// <summary><c>GET /v1/projects/{name}</c>: its services, revision and state.</summary>
    public Task<ApiResult<ProjectView>> GetProjectAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<ProjectView>(HttpMethod.Get, $"v1/projects/{Escape(name)}", null, cancellationToken);

    /// <summary><c>GET /v1/projects/{name}/events</c>: the project's own events, oldest first.</summary>
    public Task<ApiResult<AppEventView[]>> ListProjectEventsAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<AppEventView[]>(HttpMethod.Get, $"v1/projects/{Escape(name)}/events", null, cancellationToken);
}
