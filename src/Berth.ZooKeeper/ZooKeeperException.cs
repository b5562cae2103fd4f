namespace Berth.ZooKeeper;

/// <summary>A request failed with a ZooKeeper error. Common codes have their own subclasses; others are this class.</summary>
public class ZooKeeperException : Exception
{
    /// <summary>Creates the exception for <paramref name="code"/> on <paramref name="path"/> (null when no node is involved).</summary>
    public ZooKeeperException(ZooKeeperErrorCode code, string? path, string? message = null)
        : base(message ?? (path is null ? $"ZooKeeper error {code}." : $"ZooKeeper error {code} on {path}."))
    {
        Code = code;
        Path = path;
    }

    /// <summary>The server's (or, for connection errors, the client's) error code.</summary>
    public ZooKeeperErrorCode Code { get; }

    /// <summary>The node the failed request was about, if any.</summary>
    public string? Path { get; }

    /// <summary>The exception for an error reply: a subclass for the common codes.</summary>
    public static ZooKeeperException Create(ZooKeeperErrorCode code, string? path) => code switch
    {
        ZooKeeperErrorCode.NoNode => new NoNodeException(path),
        ZooKeeperErrorCode.NodeExists => new NodeExistsException(path),
        ZooKeeperErrorCode.BadVersion => new BadVersionException(path),
        ZooKeeperErrorCode.NoAuth => new NoAuthException(path),
        ZooKeeperErrorCode.NotEmpty => new NotEmptyException(path),
        ZooKeeperErrorCode.SessionExpired => new SessionExpiredException(),
        ZooKeeperErrorCode.ConnectionLoss => new ConnectionLossException("The server answered with ConnectionLoss."),
        _ => new ZooKeeperException(code, path),
    };
}
