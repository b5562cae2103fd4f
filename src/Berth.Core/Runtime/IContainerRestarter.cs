namespace Berth.Core.Runtime;

/// <summary>Restarts a container in place: same id, same file system, same published port.</summary>
public interface IContainerRestarter
{
    /// <summary>
    /// Stops the container (killing it after <paramref name="grace"/>) if it runs, then starts it.
    /// Throws <see cref="ContainerNotFoundException"/> when the engine does not know it.
    /// </summary>
    Task RestartAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken);
}
