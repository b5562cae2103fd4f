using Microsoft.Extensions.Logging;

namespace Berth.ZooKeeper;

/// <summary>The client's log lines.</summary>
internal static partial class ZooKeeperLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ZooKeeper session 0x{SessionId:x} on {Server} (timeout {TimeoutMs} ms)")]
    public static partial void Connected(ILogger logger, long sessionId, string server, int timeoutMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ZooKeeper session 0x{SessionId:x} lost its connection to {Server}; reconnecting")]
    public static partial void Disconnected(ILogger logger, Exception reason, long sessionId, string server);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not connect to ZooKeeper at {Server}")]
    public static partial void ConnectFailed(ILogger logger, Exception reason, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ZooKeeper session 0x{SessionId:x} expired")]
    public static partial void Expired(ILogger logger, long sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A ZooKeeper watch callback or state handler threw")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);
}
