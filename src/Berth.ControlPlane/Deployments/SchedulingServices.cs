using Berth.Core.State;
using Berth.Scheduling.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Deployments;

/// <summary>Registers the scheduler, with the default strategy <c>Scheduling:DefaultStrategy</c> names, and the placer around it.</summary>
public static class SchedulingServices
{
    public static IServiceCollection AddBerthScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        services.AddSingleton(provider =>
        {
            var name = provider.GetRequiredService<IOptions<SchedulingOptions>>().Value.DefaultStrategy;
            var strategy = PlacementStrategies.Find(name) ?? throw new DeploymentSettingsException(
                $"Scheduling:DefaultStrategy '{name}' is not known: use {string.Join(", ", PlacementStrategies.Names)}");
            // Random ties: control planes placing at once pick different hosts among equals instead of colliding.
            return new Scheduler(strategy, Random.Shared);
        });
        // The SQL store implements it beside IStateStore; every backend derives from it.
        services.AddSingleton(provider => (IBlockedPortStore)provider.GetRequiredService<IStateStore>());
        services.AddSingleton(provider => new Placer(provider.GetRequiredService<IStateStore>(), provider.GetRequiredService<Scheduler>())
        {
            HostStatus = provider.GetService<IHostStatusStore>(),
        });
        return services;
    }
}
