using Berth.Dashboard.Api;
using Berth.Dashboard.Relay;
using Berth.Dashboard.Session;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Dashboard.Hosting;

/// <summary>Registers the dashboard: Blazor with interactive server rendering and a typed client of the API.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddBerthDashboard(this IServiceCollection services, Action<DashboardOptions>? configure = null)
    {
        services.AddOptions<DashboardOptions>().Configure(o => configure?.Invoke(o));
        services.AddRazorComponents().AddInteractiveServerComponents();

        // Circuits and the token kept in the browser are protected with keys that live as long as the process: a restart
        // only asks people to sign in again, and nothing is written beside Berth's data.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();

        services.AddSingleton<ApiAddress>();
        services.AddHttpClient(DashboardApiClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<DashboardSession>();
        services.AddScoped<ApiStatus>();
        services.AddScoped<DashboardApiClient>();

        // The API sees every dashboard call come from this process; the relay tells it which browser asked.
        services.AddHttpContextAccessor();
        services.AddSingleton<DashboardRelay>();
        services.AddScoped<BrowserAddress>();
        services.AddScoped<CircuitHandler, BrowserAddressCapture>();
        return services;
    }
}
