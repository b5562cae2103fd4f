namespace Berth.Core.Runtime;

/// <summary>The engine does not know the container (any more).</summary>
public sealed class ContainerNotFoundException(string containerId)
    : Exception($"container {containerId} does not exist")
{
    public string ContainerId { get; } = containerId;
}
