using System.Text;
using System.Text.Json;
using Berth.Contracts;

namespace Berth.Client;

/// <summary>Projects: compose files sent as YAML, answered in JSON.</summary>
internal sealed partial class BerthApiClient
{
    /// <summary><c>PUT /v1/projects/{name}</c> with the compose text.</summary>
    public Task<ApiResponse<ProjectView>> DeployProjectAsync(string name, string compose, bool allowIgnored, CancellationToken cancellationToken) =>
        SendYamlAsync<ProjectView>(HttpMethod.Put, $"v1/projects/{Escape(name)}{(allowIgnored ? "?allowIgnored=true" : "")}", compose, cancellationToken);

    /// <summary><c>POST /v1/projects/{name}/diff</c> with the compose text.</summary>
    public Task<ApiResponse<ProjectDiffView>> DiffProjectAsync(string name, string compose, bool allowIgnored, CancellationToken cancellationToken) =>
        SendYamlAsync<ProjectDiffView>(HttpMethod.Post, $"v1/projects/{Escape(name)}/diff{(allowIgnored ? "?allowIgnored=true" : "")}", compose, cancellationToken);

    /// <summary><c>GET /v1/projects</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<ProjectView>>> ListProjectsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<ProjectView>>(HttpMethod.Get, "v1/projects", null, cancellationToken);

    /// <summary><c>GET /v1/projects/{name}</c>.</summary>
    public Task<ApiResponse<ProjectView>> GetProjectAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<ProjectView>(HttpMethod.Get, $"v1/projects/{Escape(name)}", null, cancellationToken);

    /// <summary><c>GET /v1/projects/{name}/events</c>: the project's own events, oldest first.</summary>
    public Task<ApiResponse<IReadOnlyList<AppEventView>>> ListProjectEventsAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AppEventView>>(HttpMethod.Get, $"v1/projects/{Escape(name)}/events", null, cancellationToken);

    /// <summary><c>POST /v1/projects/{name}/rollback</c>.</summary>
    public Task<ApiResponse<ProjectView>> RollbackProjectAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<ProjectView>(HttpMethod.Post, $"v1/projects/{Escape(name)}/rollback", null, cancellationToken);

    /// <summary><c>DELETE /v1/projects/{name}</c>; returns once every service's containers are gone.</summary>
    public async Task DeleteProjectAsync(string name, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.DeleteAsync($"v1/projects/{Escape(name)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private async Task<ApiResponse<T>> SendYamlAsync<T>(HttpMethod method, string path, string yaml, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        string json = await response.Content.ReadAsStringAsync(cancellationToken);
        T value = JsonSerializer.Deserialize<T>(json, BerthJson.Options) ?? throw new JsonException($"{method} /{path} answered with an empty body");
        return new ApiResponse<T>(value, json);
    }
}
