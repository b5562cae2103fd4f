using Microsoft.Extensions.Logging;

namespace Berth.Discovery.ZooKeeper;

/// <summary>The ZooKeeper discovery backend's log lines.</summary>
internal static partial class DiscoveryLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch on {Prefix} set at zxid {Zxid}: {Changes} change(s) to catch up")]
    public static partial void WatchResynced(ILogger logger, string prefix, long zxid, int changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch on {Prefix} lost its ZooKeeper session; setting it again on a new one")]
    public static partial void WatchSessionLost(ILogger logger, string prefix);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ZooKeeper connection lost during a request; retrying (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, Exception reason, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session of ephemeral key {Key} expired; placing it again on a new session")]
    public static partial void LeaseSessionExpired(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not place ephemeral key {Key} again; retrying")]
    public static partial void LeaseRestoreFailed(ILogger logger, Exception reason, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Candidate} leads election {Election}")]
    public static partial void Elected(ILogger logger, string candidate, string election);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Candidate} lost the lead of election {Election}")]
    public static partial void LeadershipLost(ILogger logger, string candidate, string election);
}
