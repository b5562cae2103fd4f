using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary>Asks the API who a token belongs to: a problem when it is refused.</summary>
    public Task<ApiResult<MeView>> CheckTokenAsync(string token, CancellationToken cancellationToken) =>
        SendAsync<MeView>(HttpMethod.Get, "v1/me", null, token, cancellationToken);
}
