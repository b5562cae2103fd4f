using Berth.ControlPlane.Reconciliation;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Scaling;

/// <summary>Registers container metrics and the autoscaler.</summary>
public static class ScalingServices
{
    public static IServiceCollection AddBerthScaling(this IServiceCollection services)
    {
        services.AddSingleton(sp => (IAutoscaleStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton<InstanceMetrics>();
        services.AddSingleton<ILeaderWork, MetricsSampler>();
        services.AddSingleton<ScaleDeployments>();
        services.AddSingleton<ILeaderWork, Autoscaler>();
        return services;
    }
}
