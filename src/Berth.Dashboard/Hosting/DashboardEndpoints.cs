using Berth.Dashboard.Layout;
using Microsoft.AspNetCore.Builder;

namespace Berth.Dashboard.Hosting;

/// <summary>Serves the dashboard at <c>/</c> beside the API, which keeps every path under <c>/v1</c>.</summary>
public static class DashboardEndpoints
{
    public static WebApplication MapBerthDashboard(this WebApplication app)
    {
        DashboardAssets.Use(app);
        app.UseAntiforgery();

        // The pages themselves need no bearer token: each call they make to the API carries the signed-in one.
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AllowAnonymous();
        return app;
    }
}
