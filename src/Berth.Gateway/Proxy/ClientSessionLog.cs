using Microsoft.Extensions.Logging;

namespace Berth.Gateway.Proxy;

/// <summary>The session's only log line: at Debug, since clients leaving mid-request is ordinary.</summary>
internal static partial class ClientSessionLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Client connection ended mid-exchange")]
    public static partial void Ended(ILogger logger, Exception exception);
}
