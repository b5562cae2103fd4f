using Berth.Core.Discovery;
using Berth.Discovery.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Discovery;

/// <summary>Registers discovery in a service collection.</summary>
internal static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Uses the in-memory <see cref="EmbeddedDiscoveryStore"/> as the <see cref="IDiscoveryStore"/> (and for leases and
    /// election), plus <see cref="ServiceRegistry"/>.
    /// </summary>
    public static IServiceCollection AddEmbeddedDiscovery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<EmbeddedDiscoveryStore>();
        services.TryAddSingleton<IDiscoveryStore>(sp => sp.GetRequiredService<EmbeddedDiscoveryStore>());
        services.TryAddSingleton<IDiscoveryLeases>(sp => sp.GetRequiredService<EmbeddedDiscoveryStore>());
        services.TryAddSingleton<ILeaderElection>(sp => sp.GetRequiredService<EmbeddedDiscoveryStore>());
        services.TryAddSingleton<ServiceRegistry>();
        return services;
    }
}
