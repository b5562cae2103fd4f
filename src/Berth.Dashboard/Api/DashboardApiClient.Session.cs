namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary>
    /// Asks the API who a token belongs to: a problem when it is refused; otherwise whether it is an admin's
    /// (the tenants list is for admins only).
    /// </summary>
    public async Task<ApiResult<bool>> CheckTokenAsync(string token, CancellationToken cancellationToken)
    {
        var apps = await SendAsync<bool>(HttpMethod.Get, "v1/apps", null, token, cancellationToken);
        if (!apps.Ok)
        {
            return apps;
        }

        var tenants = await SendAsync<bool>(HttpMethod.Get, "v1/tenants", null, token, cancellationToken);
        return tenants.Problem is { Unreachable: true } ? tenants : new ApiResult<bool>(tenants.Ok, null);
    }
}
