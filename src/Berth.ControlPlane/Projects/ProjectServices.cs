using Berth.ControlPlane.Execution;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Projects;

/// <summary>Registers what projects need beside the apps' services.</summary>
internal static class ProjectServices
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IProjectStore)provider.GetRequiredService<IStateStore>());
        services.AddSingleton<ServiceDeployments>();
        services.AddSingleton<ServiceGateway>();
        services.AddSingleton<ProjectAdmission>();
        services.AddSingleton<GroupPlacement>();
        services.AddSingleton<ProjectVolumes>();
        services.AddSingleton<ProjectEvents>();
        services.AddSingleton<OneShotRunner>();
        services.AddSingleton<ProjectAddresses>();
        services.AddSingleton<IInstanceEnvironment>(provider => provider.GetRequiredService<ProjectAddresses>());
        services.AddSingleton<ProjectDeployer>();
        return services;
    }
}
