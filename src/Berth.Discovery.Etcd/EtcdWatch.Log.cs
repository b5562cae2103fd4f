using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Berth.Discovery.Etcd;

internal sealed partial class EtcdWatch
{
    [LoggerMessage(Level = LogLevel.Information, Message = "etcd ended the watch on {Prefix}; watching again after revision {Revision}")]
    private partial void LogStreamEnded(string prefix, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "etcd watch on {Prefix} broke ({Status}: {Detail}); watching again after revision {Revision}")]
    private partial void LogStreamBroken(string prefix, long revision, StatusCode status, string detail);
}
