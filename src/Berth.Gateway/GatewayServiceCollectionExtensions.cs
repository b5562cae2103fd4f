using Berth.Gateway.Access;
using Berth.Gateway.Admin;
using Berth.Gateway.Http2;
using Berth.Gateway.Proxy;
using Berth.Gateway.Routing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;
using Berth.Gateway.Tls;
using Berth.Gateway.Transport.Epoll;
using Berth.Gateway.Wake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Gateway;

/// <summary>Registers the gateway in a service collection.</summary>
internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the route table updater, the session watchdog (both hosted services), statistics, the admin surface and
    /// the connection handler, with <see cref="GatewayOptions"/> bound from the <c>Gateway</c> section. An
    /// <c>IDiscoveryStore</c> must be registered too.
    /// </summary>
    public static IServiceCollection AddBerthGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayStatistics>();
        services.TryAddSingleton<RouteTableUpdater>();
        services.AddHostedService(sp => sp.GetRequiredService<RouteTableUpdater>());
        services.TryAddSingleton<SessionWatchdog>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionWatchdog>());
        services.TryAddSingleton<AdminSurface>();
        services.TryAddSingleton<EpollLoops>();
        services.TryAddSingleton<WakeHolds>();
        services.TryAddSingleton<HttpsRedirectPort>();
        services.TryAddSingleton<ProxyServices>();
        services.TryAddSingleton<GatewayConnectionHandler>();
        services.TryAddSingleton<StreamForwarder>();
        services.TryAddSingleton<StoredCertificates>();
        services.AddHostedService(sp => sp.GetRequiredService<StoredCertificates>());
        services.TryAddSingleton<CertificateRequests>();
        services.TryAddSingleton<CertificateSelector>();
        services.TryAddSingleton(sp => LocalAuthority.OpenOrCreate(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.LocalAuthorityDirectory!, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
