using Berth.ZooKeeper;

namespace Berth.Discovery.ZooKeeper;

/// <summary>Turns ZooKeeper's ACL refusals into <see cref="DiscoveryAccessDeniedException"/> with a message that says what to fix.</summary>
internal static class ZooKeeperErrors
{
    /// <summary>The exception for <paramref name="error"/>, raised while trying to <paramref name="action"/> as <paramref name="user"/>.</summary>
    public static DiscoveryAccessDeniedException Denied(NoAuthException error, string action, string? user) => new(
        user is null
            ? $"ZooKeeper refused to {action}: {error.Path} is protected by digest ACLs; set Discovery:Username and Discovery:Password."
            : $"ZooKeeper refused to {action}: the ACL of {error.Path} does not let digest user '{user}' do that (or the password is wrong).",
        error);
}
