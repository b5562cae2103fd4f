using Berth.Dashboard.Api;
using Berth.Contracts;
using Berth.Dashboard.Relay;
using Berth.Dashboard.Session;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Berth.Dashboard.Hosting;

/// <summary>Registers the dashboard: Blazor with interactive server rendering and a typed client of the API.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddBerthDashboard(this IServiceCollection services, Action<DashboardOptions>? configure = null)
    {
        services.AddOptions<DashboardOptions>().Configure(o => configure?.Invoke(o));
        services.AddRazorComponents().AddInteractiveServerComponents();
        AddKeyRing(services, configure);

        services.AddSingleton<ApiAddress>();
        services.AddHttpClient(DashboardApiClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<DashboardSession>();
        services.AddScoped<ApiStatus>();
        services.AddScoped<DashboardApiClient>();

        // The API sees every dashboard call come from this process; the relay tells it which browser asked.
        services.AddHttpContextAccessor();
        services.TryAddSingleton<DashboardRelay>();
        services.AddScoped<BrowserAddress>();
        services.AddScoped<CircuitHandler, BrowserAddressCapture>();
        return services;
    }

    /// <summary>Circuits and the token kept in the browser are protected with keys from the configured folder, or from memory.</summary>
    private static void AddKeyRing(IServiceCollection services, Action<DashboardOptions>? configure)
    {
        var options = new DashboardOptions();
        configure?.Invoke(options);
        // A fixed name: the framework would otherwise tell applications apart by their install path, and a Berth run
        // from another build folder could not read what the last one protected.
        var protection = services.AddDataProtection().SetApplicationName("Berth.Dashboard");
        if (options.KeyRingDirectory is not { } directory)
        {
            protection.UseEphemeralDataProtectionProvider();
            return;
        }

        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new OwnerOnlyXmlRepository(directory));
        // The keys lie unencrypted, as safe as the admin token beside them (0600 in a 0700 folder): the framework's
        // warning that no XML encryptor is configured would say nothing more on every start.
        services.AddLogging(logging => logging.AddFilter(typeof(XmlKeyManager).FullName, LogLevel.Error));
    }
}
