using Berth.Gateway.Access;
using Berth.Gateway.Admin;
using Berth.Gateway.Http2;
using Berth.Gateway.Proxy;
using Berth.Gateway.Routing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;
using Berth.Gateway.Tls;
using Berth.Gateway.Transport.Epoll;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Gateway;

/// <summary>Registers the gateway in a service collection.</summary>
public static class GatewayServiceCollectionExtensions
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
            .Validate(o => GatewayOptions.IsValidBaseDomain(o.BaseDomain), "Gateway:BaseDomain must be a bare domain name such as 'localhost' or 'apps.example.com'.")
            .Validate(o => o.WatchRetryDelay > TimeSpan.Zero, "Gateway:WatchRetryDelay must be positive.")
            .Validate(o => IpRangeSet.Parse(o.TrustedProxies, out var invalid) is not null && invalid.Count == 0, "Gateway:TrustedProxies must list IP addresses or CIDR ranges such as 10.0.0.0/8.")
            .Validate(o => IpRangeSet.Parse(o.AdminClients, out var invalid) is not null && invalid.Count == 0, "Gateway:AdminClients must list IP addresses or CIDR ranges such as 10.0.0.0/8.")
            .Validate(
                o => new[] { o.PassiveHealthBackoff, o.ConnectTimeout, o.ResponseTimeout, o.KeepAliveTimeout, o.RequestHeadersTimeout, o.UpstreamIdleTimeout, o.TransferIdleTimeout, o.TunnelIdleTimeout }.All(t => t > TimeSpan.Zero),
                "Gateway timeouts and back-offs must be positive.")
            .Validate(o => string.IsNullOrEmpty(o.HttpsUrl) || !string.IsNullOrEmpty(o.LocalAuthorityDirectory), "Gateway:LocalAuthorityDirectory must name a folder when Gateway:HttpsUrl is set.")
            .Validate(o => string.IsNullOrEmpty(o.AdminToken) || (o.AdminToken.Length >= 32 && o.AdminToken.All(char.IsAsciiLetterOrDigit)), "Gateway:AdminToken must be at least 32 letters or digits.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayStatistics>();
        services.TryAddSingleton<RouteTableUpdater>();
        services.AddHostedService(sp => sp.GetRequiredService<RouteTableUpdater>());
        services.TryAddSingleton<SessionWatchdog>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionWatchdog>());
        services.TryAddSingleton<AdminSurface>();
        services.TryAddSingleton<EpollLoops>();
        services.TryAddSingleton<ProxyServices>();
        services.TryAddSingleton<GatewayConnectionHandler>();
        services.TryAddSingleton<StreamForwarder>();
        services.TryAddSingleton<CertificateSelector>();
        services.TryAddSingleton(sp => LocalAuthority.OpenOrCreate(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.LocalAuthorityDirectory!, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
