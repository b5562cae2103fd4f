using Berth.Contracts;

namespace Berth.Client;

/// <summary>The config calls: <c>/v1/apps/{id}/config</c>.</summary>
internal sealed partial class BerthApiClient
{
    /// <summary><c>GET /v1/apps/{id}/config</c>, secrets masked.</summary>
    public Task<ApiResponse<ConfigListView>> ListConfigAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<ConfigListView>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/config", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/config/{key}</c>, a secret in clear.</summary>
    public Task<ApiResponse<ConfigEntryView>> GetConfigAsync(string appId, string key, CancellationToken cancellationToken) =>
        SendAsync<ConfigEntryView>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/config/{Escape(key)}", null, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/config/{key}</c>.</summary>
    public Task<ApiResponse<ConfigEntryView>> SetConfigAsync(string appId, string key, SetConfigRequest request, CancellationToken cancellationToken) =>
        SendAsync<ConfigEntryView>(HttpMethod.Put, $"v1/apps/{Escape(appId)}/config/{Escape(key)}", request, cancellationToken);

    /// <summary><c>DELETE /v1/apps/{id}/config/{key}</c>.</summary>
    public async Task DeleteConfigAsync(string appId, string key, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.DeleteAsync($"v1/apps/{Escape(appId)}/config/{Escape(key)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }
}
