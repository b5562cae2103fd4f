using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary>
    /// <c>GET /v1/apps/{id}/autoscale</c>: the app's policy and whether it sleeps; a 404 problem when it has none, an
    /// ordinary answer that leaves the outage banner alone.
    /// </summary>
    public Task<ApiResult<AutoscaleView>> GetAutoscaleAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<AutoscaleView>(HttpMethod.Get, $"v1/apps/{Escape(id)}/autoscale", null, session.Token, cancellationToken, optional: true);
}
