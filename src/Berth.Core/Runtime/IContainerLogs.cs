namespace Berth.Core.Runtime;

/// <summary>Reads what a container wrote to its standard output and error.</summary>
public interface IContainerLogs
{
    /// <summary>The container's lines in the order written; nothing when the engine does not know the container.</summary>
    IAsyncEnumerable<LogLine> ReadLogsAsync(string containerId, LogRequest request, CancellationToken cancellationToken);
}
