using Berth.Gateway.Forwarding;
using Berth.Gateway.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Gateway;

/// <summary>Registers the gateway in a service collection.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the route table updater (a hosted service), the forwarder and the request handler, with
    /// <see cref="GatewayOptions"/> bound from the <c>Gateway</c> section. An <c>IDiscoveryStore</c> must be registered too.
    /// </summary>
    public static IServiceCollection AddBerthGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .Validate(o => GatewayOptions.IsValidBaseDomain(o.BaseDomain), "Gateway:BaseDomain must be a bare domain name such as 'localhost' or 'apps.example.com'.")
            .Validate(o => o.WatchRetryDelay > TimeSpan.Zero, "Gateway:WatchRetryDelay must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RouteTableUpdater>();
        services.AddHostedService(sp => sp.GetRequiredService<RouteTableUpdater>());
        services.AddHttpForwarder();
        services.TryAddSingleton<UpstreamClient>();
        services.TryAddSingleton<GatewayRequestHandler>();
        return services;
    }
}
