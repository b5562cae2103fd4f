using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Services;

/// <summary>Registers managed services: their launcher, bindings (the variables of new containers, the clean-up of deleted apps), backups, events and the leader's monitor and backup scheduler.</summary>
internal static class ServicesServiceCollectionExtensions
{
    public static IServiceCollection AddBerthServices(this IServiceCollection services)
    {
        services.AddSingleton<ServiceEvents>();
        services.AddSingleton<ServiceLauncher>();
        services.AddSingleton<ServiceBindings>();
        services.AddSingleton<ServiceBackups>();
        services.AddSingleton<ServiceRemoval>();
        services.AddSingleton<ServiceMover>();
        services.AddSingleton<ServiceStorage>();
        services.AddSingleton<IInstanceEnvironment, BindingEnvironment>();
        services.AddSingleton<IAppDeleteStep, BindingsOfDeletedApp>();
        services.AddSingleton<ILeaderWork, ServiceMonitor>();
        services.AddSingleton<ILeaderWork, BackupScheduler>();
        return services;
    }
}
