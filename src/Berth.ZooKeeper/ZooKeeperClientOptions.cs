using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.ZooKeeper;

/// <summary>How a <see cref="ZooKeeperClient"/> reaches its ensemble.</summary>
public sealed record ZooKeeperClientOptions
{
    /// <summary>
    /// <c>host:port[,host:port...][/chroot]</c>, e.g. <c>127.0.0.1:2181</c> or <c>zk1:2181,zk2:2181/berth</c>. With a chroot
    /// every path the client uses is relative to it (the chroot node must exist).
    /// </summary>
    public required string ConnectString { get; init; }

    /// <summary>
    /// The session timeout to ask for (the server bounds it by its min/max). A session the server does not hear from for
    /// this long expires, and its ephemeral nodes go. It is also how long the client keeps trying to reconnect.
    /// </summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Accept a server cut off from its quorum (reads only) rather than waiting for one with a quorum.</summary>
    public bool CanBeReadOnly { get; init; }

    /// <summary>Where connection changes and failing watch callbacks are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The clock for pings, timeouts and back-off.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
