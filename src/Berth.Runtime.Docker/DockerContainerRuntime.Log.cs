using Microsoft.Extensions.Logging;

namespace Berth.Runtime.Docker;

internal sealed partial class DockerContainerRuntime
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling image {Image} on {Endpoint}")]
    private partial void LogPulling(string image, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled image {Image} in {ElapsedMs:F0} ms")]
    private partial void LogPulled(string image, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Created container {Name} as {ContainerId}")]
    private partial void LogCreated(string name, string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started container {ContainerId}")]
    private partial void LogStarted(string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopped container {ContainerId}")]
    private partial void LogStopped(string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed container {ContainerId}")]
    private partial void LogRemoved(string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {ContainerId} is gone or going already; nothing to {Action}")]
    private partial void LogMissing(string containerId, string action);
}
