using Berth.Core.State;
using Berth.Scheduling.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// Registers the executor and what it is made of: the scheduler (with the default strategy <c>Scheduling:DefaultStrategy</c>
/// names), the placer around it, the starter, the retirer, and the crash points (none, unless the host registered its own).
/// </summary>
internal static class ExecutionServices
{
    public static IServiceCollection AddBerthExecution(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>());
        services.AddSingleton(provider =>
        {
            // Known: SchedulingOptionsValidator checked it at start.
            var strategy = PlacementStrategies.Find(provider.GetRequiredService<IOptions<SchedulingOptions>>().Value.DefaultStrategy)!;
            // Random ties: control planes placing at once pick different hosts among equals instead of colliding.
            return new Scheduler(strategy, Random.Shared);
        });
        // The SQL store implements it beside IStateStore; every backend derives from it.
        services.AddSingleton(provider => (IBlockedPortStore)provider.GetRequiredService<IStateStore>());
        services.AddSingleton(provider => (IServiceStore)provider.GetRequiredService<IStateStore>());
        services.AddSingleton(provider => new Placer(provider.GetRequiredService<IStateStore>(), provider.GetRequiredService<Scheduler>())
        {
            HostStatus = provider.GetService<IHostStatusStore>(),
        });
        services.TryAddSingleton<ICrashPoints, NoCrashPoints>();
        services.AddSingleton<HostEngines>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<ClusterLabel>();
        services.AddSingleton<StartupCheck>();
        services.AddSingleton<LaunchRecorder>();
        services.AddSingleton<ContainerFactory>();
        services.AddSingleton<InstanceStarter>();
        services.AddSingleton<InstanceRetirer>();
        services.AddSingleton<ServiceStarter>();
        services.AddSingleton<PlanExecutor>();
        return services;
    }
}
