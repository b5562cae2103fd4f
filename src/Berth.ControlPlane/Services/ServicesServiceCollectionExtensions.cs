using Berth.ControlPlane.Reconciliation;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Services;

/// <summary>Registers managed services: their launcher, events and the leader's monitor.</summary>
public static class ServicesServiceCollectionExtensions
{
    public static IServiceCollection AddBerthServices(this IServiceCollection services)
    {
        services.AddSingleton<ServiceEvents>();
        services.AddSingleton<ServiceLauncher>();
        services.AddSingleton<ILeaderWork, ServiceMonitor>();
        return services;
    }
}
