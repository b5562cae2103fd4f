namespace Berth.Core.Runtime;

/// <summary>Reads a container's resource use from its engine, as <c>docker stats --no-stream</c> does.</summary>
public interface IContainerStats
{
    /// <summary>The container's CPU and memory use now; null when the engine does not know it or it does not run.</summary>
    Task<ContainerUsage?> GetUsageAsync(string containerId, CancellationToken cancellationToken);
}
