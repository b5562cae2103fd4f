using Berth.Core.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Runtime.Docker;

/// <summary>Registers the Docker runtime with dependency injection.</summary>
public static class DockerRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DockerRuntimeFactory"/> as the <see cref="IContainerRuntimeFactory"/>. Pulls use an
    /// <see cref="IRegistryCredentialsProvider"/> when one is registered, and are anonymous otherwise.
    /// </summary>
    public static IServiceCollection AddDockerRuntime(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddSingleton<IContainerRuntimeFactory, DockerRuntimeFactory>();
        return services;
    }
}
