using Berth.ControlPlane.Events;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Provisioning;

/// <summary>Registers host provisioning: the provisioner's runner, the capacity hook the executor calls, and the reaper.</summary>
internal static class ProvisioningServices
{
    public static IServiceCollection AddBerthProvisioning(this IServiceCollection services)
    {
        services.AddSingleton(sp => (IProvisionedHostStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton<ClusterEvents>();
        services.AddSingleton<ProvisionerCommand>();
        services.AddSingleton<HostProvisioning>();
        services.AddSingleton<ILeaderWork, ProvisionedHostReaper>();
        return services;
    }
}
