using Microsoft.Extensions.Logging;

namespace Berth.Discovery.Etcd;

internal sealed partial class EtcdLease
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "etcd lease {LeaseId:x} is gone (expired or revoked); its keys are deleted")]
    private partial void LogLeaseGone(long leaseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keep-alive of etcd lease {LeaseId:x} broke ({Reason}); retrying")]
    private partial void LogKeepAliveBroken(long leaseId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not revoke etcd lease {LeaseId:x} ({Reason}); it expires by itself")]
    private partial void LogRevokeFailed(long leaseId, string reason);
}
