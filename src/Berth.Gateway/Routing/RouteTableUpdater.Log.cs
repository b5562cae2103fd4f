using Microsoft.Extensions.Logging;

namespace Berth.Gateway.Routing;

public sealed partial class RouteTableUpdater
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading discovery failed; serving the last route table and listing again in {RetryDelay}")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring discovery key {Key}: its value is not a valid ip:port")]
    private static partial void LogInvalidAddress(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery watch restored at revision {Revision}")]
    private static partial void LogRecovered(ILogger logger, long revision);
}
