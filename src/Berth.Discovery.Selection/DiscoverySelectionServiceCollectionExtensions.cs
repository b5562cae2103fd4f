using Berth.Core.Discovery;
using Berth.Discovery.Etcd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Discovery.Selection;

/// <summary>Registers the discovery backend chosen by configuration (<c>Discovery:Provider</c>).</summary>
public static class DiscoverySelectionServiceCollectionExtensions
{
    /// <summary>Binds the <c>Discovery</c> section and registers the backend it names; see <see cref="AddBerthDiscovery(IServiceCollection, DiscoveryOptions)"/>.</summary>
    public static IServiceCollection AddBerthDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DiscoveryOptions();
        configuration.GetSection(DiscoveryOptions.SectionName).Bind(options);
        return services.AddBerthDiscovery(options);
    }

    /// <summary>
    /// Registers the backend named by <see cref="DiscoveryOptions.Provider"/> as <see cref="IDiscoveryStore"/>,
    /// <see cref="IDiscoveryLeases"/> and <see cref="ILeaderElection"/> (one instance behind all three), plus
    /// <see cref="ServiceRegistry"/>.
    /// </summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every problem.</exception>
    public static IServiceCollection AddBerthDiscovery(this IServiceCollection services, DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new DiscoveryOptionsValidator().Validate(DiscoveryOptions.SectionName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(DiscoveryOptions.SectionName, typeof(DiscoveryOptions), validation.Failures);
        }

        services.TryAddSingleton(options);
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case DiscoveryProviders.Embedded:
                return services.AddEmbeddedDiscovery();
            case DiscoveryProviders.Etcd:
                services.TryAddSingleton(sp => new EtcdDiscoveryStore(
                    options, sp.GetService<TimeProvider>(), sp.GetService<ILogger<EtcdDiscoveryStore>>()));
                return services.AddBackend<EtcdDiscoveryStore>();
            default:
                throw new NotSupportedException(
                    $"Discovery:Provider '{options.Provider}' is not wired into Berth yet; use '{DiscoveryProviders.Embedded}' or '{DiscoveryProviders.Etcd}'.");
        }
    }

    private static IServiceCollection AddBackend<TStore>(this IServiceCollection services)
        where TStore : class, IDiscoveryStore, IDiscoveryLeases, ILeaderElection
    {
        services.TryAddSingleton<IDiscoveryStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IDiscoveryLeases>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<ILeaderElection>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<ServiceRegistry>();
        return services;
    }
}
