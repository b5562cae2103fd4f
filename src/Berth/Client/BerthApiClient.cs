using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Contracts;

namespace Berth.Client;

/// <summary>A typed wrapper over Berth's HTTP API; every call carries the bearer token.</summary>
internal sealed partial class BerthApiClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a client for the given settings.</summary>
    public BerthApiClient(ClientSettings settings)
    {
        // A trailing slash makes relative paths resolve under a base URL that has a path of its own.
        string baseUrl = settings.Url.AbsoluteUri.EndsWith('/') ? settings.Url.AbsoluteUri : settings.Url.AbsoluteUri + "/";
        _http = new HttpClient(ServerCertificateCheck.Create(settings)) { BaseAddress = new Uri(baseUrl) };
        if (settings.Token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        }
    }

    /// <summary><c>GET /v1/apps</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<AppView>>> ListAppsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AppView>>(HttpMethod.Get, "v1/apps", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}</c>.</summary>
    public Task<ApiResponse<AppView>> GetAppAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<AppView>(HttpMethod.Get, $"v1/apps/{Escape(id)}", null, cancellationToken);

    /// <summary><c>POST /v1/apps</c>.</summary>
    public Task<ApiResponse<AppView>> CreateAppAsync(CreateAppRequest request, CancellationToken cancellationToken) =>
        SendAsync<AppView>(HttpMethod.Post, "v1/apps", request, cancellationToken);

    /// <summary><c>DELETE /v1/apps/{id}</c>; returns once the app's containers are gone.</summary>
    public async Task DeleteAppAsync(string id, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.DeleteAsync($"v1/apps/{Escape(id)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary><c>POST /v1/apps/{id}/deployments</c>.</summary>
    public Task<ApiResponse<DeploymentView>> DeployAsync(string appId, CreateDeploymentRequest request, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Post, $"v1/apps/{Escape(appId)}/deployments", request, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/deployments</c>, newest first.</summary>
    public Task<ApiResponse<IReadOnlyList<DeploymentView>>> ListDeploymentsAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<DeploymentView>>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/deployments", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/deployments/{did}</c>.</summary>
    public Task<ApiResponse<DeploymentView>> GetDeploymentAsync(string appId, string deploymentId, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/deployments/{Escape(deploymentId)}", null, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/scale</c>.</summary>
    public Task<ApiResponse<DeploymentView>> ScaleAsync(string appId, int instances, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Put, $"v1/apps/{Escape(appId)}/scale", new ScaleRequest(instances), cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/rollback</c>.</summary>
    public Task<ApiResponse<DeploymentView>> RollbackAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Post, $"v1/apps/{Escape(appId)}/rollback", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/instances</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<InstanceView>>> ListInstancesAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<InstanceView>>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/instances", null, cancellationToken);

    /// <summary><c>GET /v1/hosts</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<HostView>>> ListHostsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<HostView>>(HttpMethod.Get, "v1/hosts", null, cancellationToken);

    /// <summary><c>GET /v1/hosts/{name}</c>.</summary>
    public Task<ApiResponse<HostView>> GetHostAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<HostView>(HttpMethod.Get, $"v1/hosts/{Escape(name)}", null, cancellationToken);

    /// <summary><c>POST /v1/hosts</c>.</summary>
    public Task<ApiResponse<HostView>> CreateHostAsync(CreateHostRequest request, CancellationToken cancellationToken) =>
        SendAsync<HostView>(HttpMethod.Post, "v1/hosts", request, cancellationToken);

    /// <summary><c>PATCH /v1/hosts/{name}</c>.</summary>
    public Task<ApiResponse<HostView>> UpdateHostAsync(string name, UpdateHostRequest request, CancellationToken cancellationToken) =>
        SendAsync<HostView>(HttpMethod.Patch, $"v1/hosts/{Escape(name)}", request, cancellationToken);

    /// <summary><c>DELETE /v1/hosts/{name}</c>.</summary>
    public async Task DeleteHostAsync(string name, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.DeleteAsync($"v1/hosts/{Escape(name)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary><c>DELETE /v1/hosts/{name}/blocked-ports/{port}</c>.</summary>
    public async Task UnblockPortAsync(string name, int port, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.DeleteAsync($"v1/hosts/{Escape(name)}/blocked-ports/{port}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary><c>POST /v1/tenants</c>.</summary>
    public Task<ApiResponse<CreatedTenant>> CreateTenantAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<CreatedTenant>(HttpMethod.Post, "v1/tenants", new CreateTenantRequest(name), cancellationToken);

    /// <summary><c>GET /v1/tenants</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<TenantView>>> ListTenantsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<TenantView>>(HttpMethod.Get, "v1/tenants", null, cancellationToken);

    /// <summary><c>GET /v1/tenants/{name}/quota</c>, or <c>PUT</c> (admin) with the keys to change when <paramref name="changes"/> has any.</summary>
    public Task<ApiResponse<QuotaView>> QuotaAsync(string tenant, IReadOnlyDictionary<string, int> changes, CancellationToken cancellationToken) =>
        changes.Count == 0
            ? SendAsync<QuotaView>(HttpMethod.Get, $"v1/tenants/{Escape(tenant)}/quota", null, cancellationToken)
            : SendAsync<QuotaView>(HttpMethod.Put, $"v1/tenants/{Escape(tenant)}/quota", changes, cancellationToken);

    /// <summary><c>GET /v1/discovery/{appId}</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<DiscoveryEntryView>>> GetDiscoveryAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<DiscoveryEntryView>>(HttpMethod.Get, $"v1/discovery/{Escape(appId)}", null, cancellationToken);

    /// <summary>
    /// <c>GET /v1/apps/{id}/events</c>: the latest events, or with <paramref name="after"/> those after that sequence,
    /// waiting up to <paramref name="wait"/> (such as <c>30s</c>) for one to happen.
    /// </summary>
    public Task<ApiResponse<IReadOnlyList<AppEventView>>> ListEventsAsync(string appId, long? after, string? wait, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AppEventView>>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/events{EventsQuery(after, wait)}", null, cancellationToken);

    /// <summary><c>GET /v1/cluster/events</c> (admin): what happened to the hosts, as <see cref="ListEventsAsync"/> reads an app's.</summary>
    public Task<ApiResponse<IReadOnlyList<AppEventView>>> ListClusterEventsAsync(long? after, string? wait, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AppEventView>>(HttpMethod.Get, $"v1/cluster/events{EventsQuery(after, wait)}", null, cancellationToken);

    /// <summary>The latest events without <paramref name="after"/>; with it, those after it, waiting up to <paramref name="wait"/>.</summary>
    private static string EventsQuery(long? after, string? wait) =>
        after is { } sequence ? $"?after={sequence}" + (wait is null ? "" : $"&wait={Escape(wait)}") : "";

    /// <summary><c>GET /v1/apps/{id}/logs</c>, answered as soon as its headers arrive; read its body line by line and dispose it.</summary>
    public async Task<HttpResponseMessage> OpenLogsAsync(string appId, bool follow, int? tail, string? instance, CancellationToken cancellationToken)
    {
        List<string> query = [$"follow={(follow ? "true" : "false")}"];
        if (tail is { } lines)
        {
            query.Add($"tail={lines}");
        }

        if (instance is not null)
        {
            query.Add($"instance={Escape(instance)}");
        }

        HttpResponseMessage response = await _http.GetAsync(
            $"v1/apps/{Escape(appId)}/logs?{string.Join('&', query)}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: BerthJson.Options);
        }

        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        string json = await response.Content.ReadAsStringAsync(cancellationToken);
        T value = JsonSerializer.Deserialize<T>(json, BerthJson.Options)
            ?? throw new JsonException($"{method} /{path} answered with an empty body");
        return new ApiResponse<T>(value, json);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        ProblemDetails? problem = TryParseProblem(body);
        string message = new[] { problem?.Detail, problem?.Title }.FirstOrDefault(text => !string.IsNullOrWhiteSpace(text))
            ?? $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        throw new BerthApiException(response.StatusCode, message);
    }

    private static ProblemDetails? TryParseProblem(string body)
    {
        try
        {
            return body.Length > 0 ? JsonSerializer.Deserialize<ProblemDetails>(body, BerthJson.Options) : null;
        }
        catch (JsonException)
        {
            // Not every error comes from Berth (a proxy in between may answer in HTML); the status line still says enough.
            return null;
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
