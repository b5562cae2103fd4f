using Berth.ControlPlane.Reconciliation;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Scaling;

/// <summary>Registers container metrics.</summary>
public static class ScalingServices
{
    public static IServiceCollection AddBerthScaling(this IServiceCollection services)
    {
        services.AddSingleton<InstanceMetrics>();
        services.AddSingleton<ILeaderWork, MetricsSampler>();
        return services;
    }
}
