using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary><c>GET /v1/apps/{id}/stats/series?window=minute|hour</c>: the app's traffic step by step, for charts.</summary>
    public Task<ApiResult<TrafficSeriesView>> GetTrafficSeriesAsync(string id, string window, CancellationToken cancellationToken) =>
        SendAsync<TrafficSeriesView>(HttpMethod.Get, $"v1/apps/{Escape(id)}/stats/series?window={Escape(window)}", null, cancellationToken);
}
