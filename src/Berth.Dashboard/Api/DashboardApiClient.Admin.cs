using Berth.Contracts;

namespace Berth.Dashboard.Api;

/// <summary>The operator's calls; the API refuses every one of them to a token that is not the admin's.</summary>
public sealed partial class DashboardApiClient
{
    /// <summary><c>GET /v1/hosts</c>.</summary>
    public Task<ApiResult<HostView[]>> ListHostsAsync(CancellationToken cancellationToken) =>
        SendAsync<HostView[]>(HttpMethod.Get, "v1/hosts", null, cancellationToken);

    /// <summary><c>PATCH /v1/hosts/{name}</c>: new labels (replacing all of them) and/or the drain flag; null leaves either as it is.</summary>
    public Task<ApiResult<HostView>> UpdateHostAsync(string name, IReadOnlyDictionary<string, string>? labels, bool? drain, CancellationToken cancellationToken) =>
        SendAsync<HostView>(HttpMethod.Patch, $"v1/hosts/{Escape(name)}", new { labels, drain }, cancellationToken);

    /// <summary><c>DELETE /v1/hosts/{name}/blocked-ports/{port}</c>: placements may take the port again at once.</summary>
    public Task<ApiResult<bool>> UnblockPortAsync(string name, int port, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"v1/hosts/{Escape(name)}/blocked-ports/{port}", null, cancellationToken);

    /// <summary><c>GET /v1/tenants</c>.</summary>
    public Task<ApiResult<TenantView[]>> ListTenantsAsync(CancellationToken cancellationToken) =>
        SendAsync<TenantView[]>(HttpMethod.Get, "v1/tenants", null, cancellationToken);

    /// <summary><c>POST /v1/tenants</c>: the answer holds the tenant's first token, shown this once.</summary>
    public Task<ApiResult<CreatedTenant>> CreateTenantAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<CreatedTenant>(HttpMethod.Post, "v1/tenants", new { name }, cancellationToken);

    /// <summary><c>GET /v1/tenants/{name}/tokens</c>.</summary>
    public Task<ApiResult<TokenView[]>> ListTokensAsync(string tenant, CancellationToken cancellationToken) =>
        SendAsync<TokenView[]>(HttpMethod.Get, $"v1/tenants/{Escape(tenant)}/tokens", null, cancellationToken);

    /// <summary><c>POST /v1/tenants/{name}/tokens</c>: the answer holds the token, shown this once.</summary>
    public Task<ApiResult<CreatedToken>> CreateTokenAsync(string tenant, string? scope, string? description, CancellationToken cancellationToken) =>
        SendAsync<CreatedToken>(HttpMethod.Post, $"v1/tenants/{Escape(tenant)}/tokens", new { scope, description }, cancellationToken);

    /// <summary><c>DELETE /v1/tenants/{name}/tokens/{id}</c>: revoked at once and for good.</summary>
    public Task<ApiResult<bool>> RevokeTokenAsync(string tenant, string tokenId, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"v1/tenants/{Escape(tenant)}/tokens/{Escape(tokenId)}", null, cancellationToken);

    /// <summary><c>GET /v1/blacklist</c>: the addresses and ranges refused on every app.</summary>
    public Task<ApiResult<BlacklistView>> GetGlobalBlacklistAsync(CancellationToken cancellationToken) =>
        SendAsync<BlacklistView>(HttpMethod.Get, "v1/blacklist", null, cancellationToken);

    /// <summary><c>PUT /v1/blacklist</c>: replaces the whole list.</summary>
    public Task<ApiResult<BlacklistView>> SetGlobalBlacklistAsync(IReadOnlyList<string> entries, CancellationToken cancellationToken) =>
        SendAsync<BlacklistView>(HttpMethod.Put, "v1/blacklist", new { entries }, cancellationToken);

    /// <summary><c>GET /v1/audit</c>: newest first; <paramref name="before"/> (an entry id) pages to older entries.</summary>
    public Task<ApiResult<AuditEntryView[]>> ListAuditAsync(string? actor, string? before, int limit, CancellationToken cancellationToken)
    {
        var query = $"limit={limit}" + (string.IsNullOrEmpty(actor) ? "" : $"&actor={Escape(actor)}") + (before is null ? "" : $"&before={Escape(before)}");
        return SendAsync<AuditEntryView[]>(HttpMethod.Get, $"v1/audit?{query}", null, cancellationToken);
    }
}
