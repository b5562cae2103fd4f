namespace Berth.Core.Runtime;

/// <summary>An engine's event stream, so a container that exits is noticed at once rather than at the next probe.</summary>
public interface IContainerEvents
{
    /// <summary>
    /// Every event of a container carrying all the given labels, from now on, in order. The enumeration ends
    /// (or throws) when the engine closes the stream, for instance because it restarts; callers reconnect.
    /// </summary>
    IAsyncEnumerable<ContainerEvent> WatchAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);
}
