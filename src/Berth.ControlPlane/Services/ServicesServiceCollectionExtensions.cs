using Berth.ControlPlane.Reconciliation;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Services;

/// <summary>Registers managed services: their store, launcher, events and the leader's monitor.</summary>
public static class ServicesServiceCollectionExtensions
{
    public static IServiceCollection AddBerthServices(this IServiceCollection services)
    {
        // The SQL store implements it beside IStateStore; every backend derives from it.
        services.AddSingleton(sp => (IServiceStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton<ServiceEvents>();
        services.AddSingleton<ServiceLauncher>();
        services.AddSingleton<ILeaderWork, ServiceMonitor>();
        return services;
    }
}
