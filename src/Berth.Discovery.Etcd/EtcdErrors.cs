using Grpc.Core;

namespace Berth.Discovery.Etcd;

/// <summary>Turns etcd's refusals into <see cref="DiscoveryAccessDeniedException"/> with a message that says what to fix.</summary>
internal static class EtcdErrors
{
    /// <summary>The exception to throw for <paramref name="error"/>, raised while trying to <paramref name="action"/>.</summary>
    public static Exception Translate(RpcException error, string action, string? user)
    {
        var detail = error.Status.Detail ?? "";
        if (error.StatusCode == StatusCode.PermissionDenied && user is null)
        {
            return new DiscoveryAccessDeniedException(
                $"etcd refused to {action}: it requires credentials ({detail}); set Discovery:Username and Discovery:Password.", error);
        }

        if (error.StatusCode == StatusCode.PermissionDenied)
        {
            return new DiscoveryAccessDeniedException(
                $"etcd refused to {action}: permission denied for user '{user ?? "(none)"}'; its role does not allow it.", error);
        }

        if (detail.Contains("authentication failed", StringComparison.Ordinal))
        {
            return new DiscoveryAccessDeniedException(
                $"etcd refused to {action}: authentication failed for user '{user}'; check Discovery:Username and Discovery:Password.", error);
        }

        if (detail.Contains("user name is empty", StringComparison.Ordinal) || detail.Contains("user name not found", StringComparison.Ordinal)
            || error.StatusCode == StatusCode.Unauthenticated)
        {
            return new DiscoveryAccessDeniedException(
                $"etcd refused to {action}: it requires credentials ({detail}); set Discovery:Username and Discovery:Password.", error);
        }

        return error;
    }

    /// <summary>The member has no leader (its ensemble lost quorum): nothing it says is current.</summary>
    public static bool IsNoLeader(RpcException error) =>
        error.StatusCode == StatusCode.Unavailable && (error.Status.Detail ?? "").Contains("no leader", StringComparison.Ordinal);

    /// <summary>The auth token expired or was issued by another member: authenticate again.</summary>
    public static bool IsInvalidToken(RpcException error) =>
        error.StatusCode == StatusCode.Unauthenticated && (error.Status.Detail ?? "").Contains("invalid auth token", StringComparison.Ordinal);
}
