namespace Berth.Discovery.ZooKeeper;

/// <summary>Where and as whom <see cref="ZooKeeperDiscoveryStore"/> keeps discovery in ZooKeeper.</summary>
public sealed record ZooKeeperDiscoveryOptions
{
    /// <summary>
    /// <c>host:port[,host:port...][/chroot]</c>. Keys are ZooKeeper paths, under the chroot when there is one (which
    /// lets several Berth installations share an ensemble); the chroot node must exist.
    /// </summary>
    public string ConnectString { get; init; } = "127.0.0.1:2181";

    /// <summary>The main session's timeout: how long the store rides out a lost connection before its session is gone.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a watch waits, disconnected, for a member to take its session back before it fails (its caller — a
    /// gateway — then says it is stale and lists again). A member that is restarted or killed leaves its clients to
    /// another within milliseconds; a longer silence means no member serves (the ensemble lost its quorum, or this
    /// client is cut off), which the caller must hear at once — as an etcd watch without a leader ends — rather than
    /// when the session expires a timeout later.
    /// </summary>
    public TimeSpan WatchDisconnectedLimit { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The digest user Berth acts as. With one, every node the store creates is readable and writable by this user only
    /// (plus <see cref="ReaderId"/> where it applies), so clients without these credentials are refused. Without one,
    /// nodes are open to everyone.
    /// </summary>
    public string? User { get; init; }

    /// <summary>The password of <see cref="User"/>.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// The digest id of a user that may only read what a gateway routes by — service addresses
    /// (<c>/caas/service/address/</c>), app markers (<c>/caas/apps/</c>) and the gateway settings (<c>/caas/domains/</c>,
    /// <c>/caas/traffic/</c>, <c>/caas/blacklist/</c>, <c>/caas/active/</c>) — such as the gateway's: <c>user:base64(sha1("user:password"))</c>, as
    /// <see cref="Berth.ZooKeeper.ZooKeeperAcl.DigestId"/> computes it. Only the id is needed, not the password.
    /// </summary>
    public string? ReaderId { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectString))
        {
            throw new ArgumentException("ZooKeeper discovery needs a connect string (host:port[,host:port...][/chroot]).", nameof(ConnectString));
        }

        if (SessionTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"The ZooKeeper session timeout must be at least 1 s (was {SessionTimeout}).", nameof(SessionTimeout));
        }

        if (WatchDisconnectedLimit <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The ZooKeeper watch's disconnected limit must be positive (was {WatchDisconnectedLimit}).", nameof(WatchDisconnectedLimit));
        }

        if ((User is null) != (Password is null))
        {
            throw new ArgumentException("Set both the ZooKeeper digest user and its password, or neither.", nameof(User));
        }

        if (User is not null && (User.Length == 0 || User.Contains(':')))
        {
            throw new ArgumentException($"'{User}' is not a digest user name (non-empty, no ':').", nameof(User));
        }

        if (ReaderId is not null && (User is null || !IsDigestId(ReaderId)))
        {
            throw new ArgumentException(
                User is null
                    ? "A reader id only makes sense with a digest user: without one every node is open."
                    : $"'{ReaderId}' is not a digest id (user:base64(sha1(user:password))).",
                nameof(ReaderId));
        }
    }

    private static bool IsDigestId(string id)
    {
        var colon = id.IndexOf(':');
        return colon > 0 && colon < id.Length - 1;
    }
}
