using Berth.Contracts;

namespace Berth.Client;

/// <summary>The gateway calls (domains, traffic, HTTPS, blacklists, statistics) and promoting or aborting a canary.</summary>
internal sealed partial class BerthApiClient
{
    /// <summary><c>POST /v1/apps/{id}/domains</c>.</summary>
    public Task<ApiResponse<DomainView>> AddDomainAsync(string appId, string domain, CancellationToken cancellationToken) =>
        SendAsync<DomainView>(HttpMethod.Post, $"v1/apps/{Escape(appId)}/domains", new AddDomainRequest(domain), cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/domains</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<DomainView>>> ListDomainsAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<DomainView>>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/domains", null, cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/domains/{domain}/verify</c>: looks the TXT record up; 409 with the reason when it does not prove the domain.</summary>
    public Task<ApiResponse<DomainView>> VerifyDomainAsync(string appId, string domain, CancellationToken cancellationToken) =>
        SendAsync<DomainView>(HttpMethod.Post, $"v1/apps/{Escape(appId)}/domains/{Escape(domain)}/verify", null, cancellationToken);

    /// <summary><c>DELETE /v1/apps/{id}/domains/{domain}</c>.</summary>
    public Task RemoveDomainAsync(string appId, string domain, CancellationToken cancellationToken) =>
        DeleteAsync($"v1/apps/{Escape(appId)}/domains/{Escape(domain)}", cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/domains/{domain}/certificate</c>: the tenant's own certificate; 400 with the reason when refused.</summary>
    public Task<ApiResponse<CertificateView>> UploadCertificateAsync(string appId, string domain, string chain, string key, CancellationToken cancellationToken) =>
        SendAsync<CertificateView>(HttpMethod.Put, $"v1/apps/{Escape(appId)}/domains/{Escape(domain)}/certificate", new UploadCertificateRequest(chain, key), cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/domains/{domain}/certificate</c>.</summary>
    public Task<ApiResponse<CertificateView>> GetCertificateAsync(string appId, string domain, CancellationToken cancellationToken) =>
        SendAsync<CertificateView>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/domains/{Escape(domain)}/certificate", null, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/traffic</c>.</summary>
    public Task<ApiResponse<TrafficView>> GetTrafficAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<TrafficView>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/traffic", null, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/traffic</c>: <c>{"v1":90,"v2":10,"balancing":…}</c>, the policy left out for the server's default.</summary>
    public Task<ApiResponse<TrafficView>> SetTrafficAsync(
        string appId, IReadOnlyDictionary<string, int> weights, string? balancing, CancellationToken cancellationToken)
    {
        Dictionary<string, object> body = weights.ToDictionary(w => w.Key, w => (object)w.Value, StringComparer.Ordinal);
        if (balancing is not null)
        {
            body["balancing"] = balancing;
        }

        return SendAsync<TrafficView>(HttpMethod.Put, $"v1/apps/{Escape(appId)}/traffic", body, cancellationToken);
    }

    /// <summary><c>DELETE /v1/apps/{id}/traffic</c>.</summary>
    public Task ClearTrafficAsync(string appId, CancellationToken cancellationToken) =>
        DeleteAsync($"v1/apps/{Escape(appId)}/traffic", cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/https</c>.</summary>
    public Task<ApiResponse<HttpsView>> GetHttpsAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<HttpsView>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/https", null, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/https</c>: replaces the app's redirect and HSTS.</summary>
    public Task<ApiResponse<HttpsView>> SetHttpsAsync(string appId, HttpsRequest request, CancellationToken cancellationToken) =>
        SendAsync<HttpsView>(HttpMethod.Put, $"v1/apps/{Escape(appId)}/https", request, cancellationToken);

    /// <summary><c>DELETE /v1/apps/{id}/https</c>.</summary>
    public Task ClearHttpsAsync(string appId, CancellationToken cancellationToken) =>
        DeleteAsync($"v1/apps/{Escape(appId)}/https", cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/blacklist</c>, or <c>GET /v1/blacklist</c> (admin) when <paramref name="appId"/> is null.</summary>
    public Task<ApiResponse<BlacklistView>> GetBlacklistAsync(string? appId, CancellationToken cancellationToken) =>
        SendAsync<BlacklistView>(HttpMethod.Get, BlacklistPath(appId), null, cancellationToken);

    /// <summary><c>PUT /v1/apps/{id}/blacklist</c>, or <c>PUT /v1/blacklist</c> (admin) when <paramref name="appId"/> is null.</summary>
    public Task<ApiResponse<BlacklistView>> SetBlacklistAsync(string? appId, IReadOnlyList<string> entries, CancellationToken cancellationToken) =>
        SendAsync<BlacklistView>(HttpMethod.Put, BlacklistPath(appId), new BlacklistRequest(entries), cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/stats?window=minute|hour</c>.</summary>
    public Task<ApiResponse<StatsView>> GetStatsAsync(string appId, string window, CancellationToken cancellationToken) =>
        SendAsync<StatsView>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/stats?window={Escape(window)}", null, cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/deployments/{did}/promote</c>: a rolling deployment of the canary's version.</summary>
    public Task<ApiResponse<DeploymentView>> PromoteAsync(string appId, string deploymentId, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Post, $"v1/apps/{Escape(appId)}/deployments/{Escape(deploymentId)}/promote", null, cancellationToken);

    /// <summary><c>POST /v1/apps/{id}/deployments/{did}/abort</c>: returns once the canary's instances are gone.</summary>
    public Task<ApiResponse<DeploymentView>> AbortAsync(string appId, string deploymentId, CancellationToken cancellationToken) =>
        SendAsync<DeploymentView>(HttpMethod.Post, $"v1/apps/{Escape(appId)}/deployments/{Escape(deploymentId)}/abort", null, cancellationToken);

    private static string BlacklistPath(string? appId) => appId is null ? "v1/blacklist" : $"v1/apps/{Escape(appId)}/blacklist";

    private async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.DeleteAsync(path, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }
}
