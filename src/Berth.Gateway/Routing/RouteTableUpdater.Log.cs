using Microsoft.Extensions.Logging;

namespace Berth.Gateway.Routing;

internal sealed partial class RouteTableUpdater
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading discovery failed; serving the last route table and listing again in {RetryDelay}")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring discovery key {Key}: {Problem}")]
    private static partial void LogIgnoredKey(ILogger logger, string key, string problem);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Not allowed to read {Prefix} in discovery: the gateway reports itself unhealthy, and refuses every app (503) while it cannot read the blacklists; grant its discovery user read access to every gateway key: {Reason}")]
    private static partial void LogSettingsUnreadable(ILogger logger, string prefix, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery watch restored at revision {Revision}")]
    private static partial void LogRecovered(ILogger logger, long revision);
}
