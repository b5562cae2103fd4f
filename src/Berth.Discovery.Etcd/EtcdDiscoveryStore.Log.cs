using Microsoft.Extensions.Logging;

namespace Berth.Discovery.Etcd;

public sealed partial class EtcdDiscoveryStore
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Candidate} leads {Key}")]
    private partial void LogElected(string candidate, string key);
}
