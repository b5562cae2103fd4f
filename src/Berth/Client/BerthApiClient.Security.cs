using Berth.Contracts;

namespace Berth.Client;

/// <summary>The security calls: tokens, the audit log and base images.</summary>
internal sealed partial class BerthApiClient
{
    /// <summary><c>GET /v1/tenants/{name}/tokens</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<TokenView>>> ListTokensAsync(string tenant, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<TokenView>>(HttpMethod.Get, $"v1/tenants/{Escape(tenant)}/tokens", null, cancellationToken);

    /// <summary><c>POST /v1/tenants/{name}/tokens</c>.</summary>
    public Task<ApiResponse<CreatedToken>> CreateTokenAsync(string tenant, CreateTokenRequest request, CancellationToken cancellationToken) =>
        SendAsync<CreatedToken>(HttpMethod.Post, $"v1/tenants/{Escape(tenant)}/tokens", request, cancellationToken);

    /// <summary><c>DELETE /v1/tenants/{name}/tokens/{id}</c>.</summary>
    public async Task RevokeTokenAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.DeleteAsync($"v1/tenants/{Escape(tenant)}/tokens/{Escape(id)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary><c>GET /v1/audit</c>, newest first.</summary>
    public Task<ApiResponse<IReadOnlyList<AuditEntryView>>> ListAuditAsync(string? actor, string? before, int? limit, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (actor is not null)
        {
            query.Add($"actor={Escape(actor)}");
        }

        if (before is not null)
        {
            query.Add($"before={Escape(before)}");
        }

        if (limit is not null)
        {
            query.Add($"limit={limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        var path = query.Count == 0 ? "v1/audit" : "v1/audit?" + string.Join('&', query);
        return SendAsync<IReadOnlyList<AuditEntryView>>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary><c>GET /v1/base-images</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<BaseImageView>>> ListBaseImagesAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<BaseImageView>>(HttpMethod.Get, "v1/base-images", null, cancellationToken);

    /// <summary><c>PUT /v1/base-images/{repository}</c>; the repository's slashes stay path separators.</summary>
    public Task<ApiResponse<BaseImageView>> AddBaseImageAsync(string repository, CancellationToken cancellationToken) =>
        SendAsync<BaseImageView>(HttpMethod.Put, $"v1/base-images/{EscapeRepository(repository)}", null, cancellationToken);

    /// <summary><c>DELETE /v1/base-images/{repository}</c>.</summary>
    public async Task RemoveBaseImageAsync(string repository, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.DeleteAsync($"v1/base-images/{EscapeRepository(repository)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private static string EscapeRepository(string repository) => string.Join('/', repository.Split('/').Select(Escape));
}
