namespace Berth.Core.Runtime;

/// <summary>One container engine: everything Berth asks of a host.</summary>
public interface IContainerRuntime
{
    /// <summary>Pulls the image unless the engine has it; throws <see cref="ImageNotFoundException"/> when no registry has it.</summary>
    Task EnsureImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>Creates (but does not start) a container; returns the engine's container id.</summary>
    Task<string> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken);

    /// <summary>Starts the container; throws <see cref="HostPortInUseException"/> when its host port cannot be bound.</summary>
    Task StartAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Stops the container, killing it after <paramref name="grace"/>. A missing or stopped container is not an error.</summary>
    Task StopAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Removes the container, forcing it if it runs. A missing container is not an error.</summary>
    Task RemoveAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>The container, or null when the engine does not know it.</summary>
    Task<ContainerInfo?> InspectAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Containers (running or not) that carry every given label.</summary>
    Task<IReadOnlyList<ContainerInfo>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>What the engine's machine offers.</summary>
    Task<HostCapacity> GetCapacityAsync(CancellationToken cancellationToken);
}
