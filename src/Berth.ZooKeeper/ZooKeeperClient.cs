using Berth.ZooKeeper.Connection;
using Berth.ZooKeeper.Protocol;
using Berth.ZooKeeper.Watches;

namespace Berth.ZooKeeper;

/// <summary>
/// A ZooKeeper session over the binary protocol. Requests may be issued concurrently: they are pipelined on one
/// connection and answered in order. When the connection drops, requests in flight fail with
/// <see cref="ConnectionLossException"/>, new ones wait, and the client reconnects (to any server in the connect string)
/// within the session timeout, keeping the session, its ephemeral nodes and its watches. If it cannot, the session has
/// expired: <see cref="State"/> becomes <see cref="ZooKeeperState.Expired"/> and every call throws
/// <see cref="SessionExpiredException"/>. Disposing closes the session, deleting its ephemeral nodes at once.
/// </summary>
public sealed partial class ZooKeeperClient : IAsyncDisposable
{
    /// <summary>WatcherType.Any of removeWatches: every watch this connection holds on the path.</summary>
    private const int AnyWatcherType = 3;

    private delegate T RecordReader<out T>(ref JuteReader reader);

    /// <summary>Connects and starts a new session; throws <see cref="ConnectionLossException"/> when no server answers within the session timeout.</summary>
    public static async Task<ZooKeeperClient> ConnectAsync(ZooKeeperClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SessionTimeout, TimeSpan.FromMilliseconds(1), nameof(options.SessionTimeout));
        var client = new ZooKeeperClient(options, ConnectString.Parse(options.ConnectString));
        try
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates a node and returns its path (sequential modes append a counter) and metadata. Throws
    /// <see cref="NodeExistsException"/>, <see cref="NoNodeException"/> when the parent is missing, <see cref="NoAuthException"/>.
    /// </summary>
    public async Task<CreatedNode> CreateAsync(
        string path, byte[]? data, IReadOnlyList<ZooKeeperAcl> acl, CreateMode mode = CreateMode.Persistent, CancellationToken cancellationToken = default)
    {
        Paths.Validate(path, sequential: mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential);
        ArgumentNullException.ThrowIfNull(acl);
        if (acl.Count == 0)
        {
            throw new ArgumentException("A node needs at least one ACL entry.", nameof(acl));
        }

        var serverPath = _connect.ToServer(path);
        var reply = await SendAsync(Packet.Create(OpCode.Create2, w =>
        {
            w.WriteString(serverPath);
            w.WriteBuffer(data);
            w.WriteAcl(acl);
            w.WriteInt((int)mode);
        }), path, cancellationToken).ConfigureAwait(false);
        return Read(reply, (ref JuteReader r) => new CreatedNode(_connect.ToClient(r.ReadString()), r.ReadStat()));
    }

    /// <summary>
    /// Deletes a node if its version is <paramref name="version"/> (-1: any). Throws <see cref="NoNodeException"/>,
    /// <see cref="BadVersionException"/>, <see cref="NotEmptyException"/>, <see cref="NoAuthException"/>.
    /// </summary>
    public async Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default)
    {
        Paths.Validate(path);
        var serverPath = _connect.ToServer(path);
        await SendAsync(Packet.Create(OpCode.Delete, w =>
        {
            w.WriteString(serverPath);
            w.WriteInt(version);
        }), path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The node's metadata, or null when it does not exist. A <paramref name="watcher"/> fires once, when the node is
    /// created, changed or deleted.
    /// </summary>
    public async Task<ZooKeeperStat?> ExistsAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        Paths.Validate(path);
        var serverPath = _connect.ToServer(path);
        var reply = await SendAsync(Packet.Create(OpCode.Exists, w =>
        {
            w.WriteString(serverPath);
            w.WriteBool(watcher is not null);
        }, Watch(WatchKind.Exists, path, watcher)), path, cancellationToken, ZooKeeperErrorCode.NoNode).ConfigureAwait(false);
        return reply.Error == ZooKeeperErrorCode.NoNode ? null : Read(reply, (ref JuteReader r) => r.ReadStat());
    }

    /// <summary>
    /// The node's data and metadata. A <paramref name="watcher"/> fires once, when the data changes or the node is
    /// deleted. Throws <see cref="NoNodeException"/>, <see cref="NoAuthException"/>.
    /// </summary>
    public async Task<NodeData> GetDataAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        Paths.Validate(path);
        var serverPath = _connect.ToServer(path);
        var reply = await SendAsync(Packet.Create(OpCode.GetData, w =>
        {
            w.WriteString(serverPath);
            w.WriteBool(watcher is not null);
        }, Watch(WatchKind.Data, path, watcher)), path, cancellationToken).ConfigureAwait(false);
        return Read(reply, (ref JuteReader r) => new NodeData(r.ReadBuffer(), r.ReadStat()));
    }

    /// <summary>
    /// Replaces the node's data if its version is <paramref name="version"/> (-1: any) and returns the new metadata.
    /// Throws <see cref="BadVersionException"/> when another write came first, <see cref="NoNodeException"/>, <see cref="NoAuthException"/>.
    /// </summary>
    public async Task<ZooKeeperStat> SetDataAsync(string path, byte[]? data, int version = -1, CancellationToken cancellationToken = default)
    {
        Paths.Validate(path);
        var serverPath = _connect.ToServer(path);
        var reply = await SendAsync(Packet.Create(OpCode.SetData, w =>
        {
            w.WriteString(serverPath);
            w.WriteBuffer(data);
            w.WriteInt(version);
        }), path, cancellationToken).ConfigureAwait(false);
        return Read(reply, (ref JuteReader r) => r.ReadStat());
    }

    /// <summary>
    /// The names of the node's children and its metadata (getChildren2). A <paramref name="watcher"/> fires once, when
    /// a child is created or deleted or the node itself is deleted. Throws <see cref="NoNodeException"/>, <see cref="NoAuthException"/>.
    /// </summary>
    public async Task<NodeChildren> GetChildrenAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        Paths.Validate(path);
        var serverPath = _connect.ToServer(path);
        var reply = await SendAsync(Packet.Create(OpCode.GetChildren2, w =>
        {
            w.WriteString(serverPath);
            w.WriteBool(watcher is not null);
        }, Watch(WatchKind.Child, path, watcher)), path, cancellationToken).ConfigureAwait(false);
        return Read(reply, (ref JuteReader r) => new NodeChildren(r.ReadStrings(), r.ReadStat()));
    }

    /// <summary>
    /// Brings the connected server up to date with the leader and returns the zxid it has reached: every write
    /// acknowledged before the call is at or below it, and reads issued after it see them.
    /// </summary>
    public async Task<long> SyncAsync(string path, CancellationToken cancellationToken = default)
    {
        Paths.Validate(path);
        var serverPath = _connect.ToServer(path);
        var reply = await SendAsync(Packet.Create(OpCode.Sync, w => w.WriteString(serverPath)), path, cancellationToken).ConfigureAwait(false);
        return reply.Zxid;
    }

    /// <summary>
    /// Sets a persistent watch (ZooKeeper 3.6 and later) on <paramref name="path"/>, which need not exist yet. With
    /// <see cref="AddWatchMode.PersistentRecursive"/> it reports every create, delete and data change of the node and of
    /// every node below it, in the order they happened. See <see cref="PersistentWatch.Events"/>.
    /// </summary>
    public async Task<PersistentWatch> AddWatchAsync(string path, AddWatchMode mode, CancellationToken cancellationToken = default)
    {
        Paths.Validate(path);
        _watches.EnsureMode(path, mode);
        var watch = new PersistentWatch(this, path, mode);
        await SendAsync(AddWatchPacket(path, mode, new WatchRegistration(WatchKind.Persistent, path, Persistent: watch)), path, cancellationToken)
            .ConfigureAwait(false);
        return watch;
    }

    /// <summary>
    /// Adds credentials to the session, e.g. scheme <c>digest</c> with <see cref="ZooKeeperAcl.DigestAuth"/>. They
    /// apply to every later request and are presented again after each reconnect.
    /// </summary>
    public async Task AddAuthAsync(string scheme, byte[] auth, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(auth);
        var request = new AuthRequest(scheme, auth);
        lock (_lock)
        {
            ThrowIfEnded();
            _auths.Add(request);
            _connection?.TrySendAuth(request);
        }

        try
        {
            await request.Accepted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.AuthFailed)
        {
            lock (_lock)
            {
                _auths.Remove(request);
            }

            throw;
        }
    }

    /// <summary>
    /// Removes a persistent watch locally and, when no other watch of this client is on the path, on the server.
    /// ZooKeeper 3.8 can only remove every watch of a path at once (type Any), so while one-shot watches are held there
    /// the server's persistent watch stays and its events are dropped here.
    /// </summary>
    internal async Task RemoveWatchAsync(PersistentWatch watch)
    {
        if (!_watches.Remove(watch) || _watches.HasOneShot(watch.Path))
        {
            return;
        }

        lock (_lock)
        {
            // Without a connection there is nothing to remove: the server dropped the connection's watches, and
            // the next one is primed from the registry, which no longer holds this watch.
            if (_disposed || _connection is null)
            {
                return;
            }
        }

        var serverPath = _connect.ToServer(watch.Path);
        try
        {
            await SendAsync(Packet.Create(OpCode.RemoveWatches, w =>
            {
                w.WriteString(serverPath);
                w.WriteInt(AnyWatcherType);
            }), watch.Path, CancellationToken.None, ZooKeeperErrorCode.NoWatcher).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectionLossException or SessionExpiredException or ObjectDisposedException)
        {
            // The connection went meanwhile, and the watch with it.
        }
    }

    private Packet AddWatchPacket(string path, AddWatchMode mode, WatchRegistration registration)
    {
        var serverPath = _connect.ToServer(path);
        return Packet.Create(OpCode.AddWatch, w =>
        {
            w.WriteString(serverPath);
            w.WriteInt((int)mode);
        }, registration);
    }

    private static WatchRegistration? Watch(WatchKind kind, string path, Action<WatchedEvent>? watcher) =>
        watcher is null ? null : new WatchRegistration(kind, path, watcher);

    private static T Read<T>(Reply reply, RecordReader<T> read)
    {
        var reader = new JuteReader(reply.Body.Span);
        return read(ref reader);
    }
}
