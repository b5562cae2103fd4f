using Berth.Core.Discovery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Berth.Discovery.ZooKeeper;

/// <summary>Registers ZooKeeper discovery in a service collection.</summary>
internal static class ZooKeeperDiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Uses one <see cref="ZooKeeperDiscoveryStore"/> as the <see cref="IDiscoveryStore"/>, <see cref="IDiscoveryLeases"/>
    /// and <see cref="ILeaderElection"/>, plus <see cref="ServiceRegistry"/>. Throws <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public static IServiceCollection AddZooKeeperDiscovery(this IServiceCollection services, ZooKeeperDiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(sp => new ZooKeeperDiscoveryStore(
            options, sp.GetService<ILogger<ZooKeeperDiscoveryStore>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<IDiscoveryStore>(sp => sp.GetRequiredService<ZooKeeperDiscoveryStore>());
        services.TryAddSingleton<IDiscoveryLeases>(sp => sp.GetRequiredService<ZooKeeperDiscoveryStore>());
        services.TryAddSingleton<ILeaderElection>(sp => sp.GetRequiredService<ZooKeeperDiscoveryStore>());
        services.TryAddSingleton<ServiceRegistry>();
        return services;
    }
}
