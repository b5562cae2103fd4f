using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Scaling;

/// <summary>Registers container metrics, the autoscaler and scale to zero.</summary>
internal static class ScalingServices
{
    public static IServiceCollection AddBerthScaling(this IServiceCollection services)
    {
        services.AddSingleton(sp => (IAutoscaleStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton<InstanceMetrics>();
        services.AddSingleton<ILeaderWork, MetricsSampler>();
        services.AddSingleton<ScaleDeployments>();
        services.AddSingleton<SleepCycle>();
        services.AddSingleton<IAppDeleteStep>(sp => sp.GetRequiredService<SleepCycle>());
        services.AddSingleton<ILeaderWork, WakeWatcher>();
        services.AddSingleton<ILeaderWork, Autoscaler>();
        return services;
    }
}
