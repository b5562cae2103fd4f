using Berth.Contracts;

namespace Berth.Client;

/// <summary>The autoscale calls.</summary>
internal sealed partial class BerthApiClient
{
    /// <summary><c>PUT /v1/apps/{id}/autoscale</c>.</summary>
    public Task<ApiResponse<AutoscaleView>> SetAutoscaleAsync(string appId, AutoscaleRequest request, CancellationToken cancellationToken) =>
        SendAsync<AutoscaleView>(HttpMethod.Put, $"v1/apps/{Escape(appId)}/autoscale", request, cancellationToken);

    /// <summary><c>GET /v1/apps/{id}/autoscale</c>.</summary>
    public Task<ApiResponse<AutoscaleView>> GetAutoscaleAsync(string appId, CancellationToken cancellationToken) =>
        SendAsync<AutoscaleView>(HttpMethod.Get, $"v1/apps/{Escape(appId)}/autoscale", null, cancellationToken);

    /// <summary><c>DELETE /v1/apps/{id}/autoscale</c>.</summary>
    public Task DeleteAutoscaleAsync(string appId, CancellationToken cancellationToken) =>
        DeleteAsync($"v1/apps/{Escape(appId)}/autoscale", cancellationToken);
}
