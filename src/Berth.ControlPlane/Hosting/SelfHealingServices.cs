using Berth.ControlPlane.Events;
using Berth.ControlPlane.Health;
using Berth.ControlPlane.Logs;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Hosting;

/// <summary>Registers health checks, engine-event following, host heartbeats, the reconciler, events and logs.</summary>
internal static class SelfHealingServices
{
    public static IServiceCollection AddBerthSelfHealing(this IServiceCollection services, ControlPlaneScope scope)
    {
        services.AddSingleton(scope);
        // The SQL store implements these beside IStateStore; every backend derives from it.
        services.AddSingleton(sp => (IEventStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton(sp => (IHostStatusStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton(sp => (IClusterIdentity)sp.GetRequiredService<IStateStore>());

        services.AddSingleton<AppEventRecorder>();
        services.AddSingleton<FailureLogs>();
        services.AddSingleton<AppLogStreamer>();
        services.AddSingleton<ReconcileTrigger>();
        services.AddSingleton<InstanceLogs>();
        services.AddSingleton<InstanceHealer>();
        services.AddSingleton<InstanceRestarts>();
        services.AddSingleton<Abandonment>();
        services.AddSingleton<ContainerSweep>();
        services.AddSingleton<InstanceRepair>();
        services.AddSingleton<CountMatcher>();
        services.AddSingleton<DeploymentsInFlight>();
        services.AddSingleton<DiscoverySync>();
        services.AddSingleton<Reconciler>();

        services.AddSingleton<ILeaderWork, HealthMonitor>();
        services.AddSingleton<ILeaderWork, EngineEventFollower>();
        services.AddSingleton<HostDown>();
        services.AddSingleton<HostBackUp>();
        services.AddSingleton<TakenPortSurvey>();
        services.AddSingleton<ILeaderWork, HostMonitor>();
        services.AddSingleton<ILeaderWork, ReconcileLoop>();
        services.AddSingleton<LeaderGate>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaderGate>());
        return services;
    }
}
