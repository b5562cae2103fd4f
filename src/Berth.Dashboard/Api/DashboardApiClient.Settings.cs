using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary><c>GET /v1/apps/{id}/config</c>: every key, secret values left out.</summary>
    public Task<ApiResult<ConfigListView>> ListConfigAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<ConfigListView>(HttpMethod.Get, $"v1/apps/{Escape(id)}/config", null, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/config/{key}</c>.</summary>
    public Task<ApiResult<bool>> SetConfigAsync(string id, string key, string value, bool secret, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Put, $"v1/apps/{Escape(id)}/config/{Escape(key)}", new { value, secret }, cancellationToken);

    /// <summary><c>DELETE /v1/apps/{id}/config/{key}</c>.</summary>
    public Task<ApiResult<bool>> DeleteConfigAsync(string id, string key, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"v1/apps/{Escape(id)}/config/{Escape(key)}", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/domains</c>.</summary>
    public Task<ApiResult<DomainView[]>> ListDomainsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<DomainView[]>(HttpMethod.Get, $"v1/apps/{Escape(id)}/domains", null, cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/domains</c>.</summary>
    public Task<ApiResult<bool>> AddDomainAsync(string id, string domain, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Post, $"v1/apps/{Escape(id)}/domains", new { domain }, cancellationToken);

    /// <summary><c>DELETE /v1/apps/{id}/domains/{domain}</c>.</summary>
    public Task<ApiResult<bool>> RemoveDomainAsync(string id, string domain, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"v1/apps/{Escape(id)}/domains/{Escape(domain)}", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/blacklist</c>.</summary>
    public Task<ApiResult<BlacklistView>> GetBlacklistAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<BlacklistView>(HttpMethod.Get, $"v1/apps/{Escape(id)}/blacklist", null, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/blacklist</c>: replaces the whole list.</summary>
    public Task<ApiResult<BlacklistView>> SetBlacklistAsync(string id, IReadOnlyList<string> entries, CancellationToken cancellationToken) =>
        SendAsync<BlacklistView>(HttpMethod.Put, $"v1/apps/{Escape(id)}/blacklist", new { entries }, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/traffic</c>.</summary>
    public Task<ApiResult<TrafficView>> GetTrafficAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<TrafficView>(HttpMethod.Get, $"v1/apps/{Escape(id)}/traffic", null, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/traffic</c>: the weights by version, beside the balancing policy in one object.</summary>
    public Task<ApiResult<TrafficView>> SetTrafficAsync(string id, IReadOnlyDictionary<string, int> weights, string balancing, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal) { ["balancing"] = balancing };
        foreach (var (version, weight) in weights)
        {
            body[version] = weight;
        }

        return SendAsync<TrafficView>(HttpMethod.Put, $"v1/apps/{Escape(id)}/traffic", body, cancellationToken);
    }

    /// <summary><c>DELETE /v1/apps/{id}/traffic</c>: the active version takes everything again.</summary>
    public Task<ApiResult<bool>> ClearTrafficAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"v1/apps/{Escape(id)}/traffic", null, cancellationToken);
}
