using System.Threading.Channels;

namespace Berth.ZooKeeper;

/// <summary>
/// A watch set with <see cref="ZooKeeperClient.AddWatchAsync"/>: it stays set after firing, and survives reconnects (the
/// client sets it again). Dispose it to remove it from the server.
/// </summary>
public sealed class PersistentWatch : IAsyncDisposable
{
    private readonly Channel<WatchedEvent> _events = Channel.CreateUnbounded<WatchedEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ZooKeeperClient _client;

    internal PersistentWatch(ZooKeeperClient client, string path, AddWatchMode mode)
    {
        _client = client;
        Path = path;
        Mode = mode;
    }

    /// <summary>The watched node.</summary>
    public string Path { get; }

    /// <summary>The node alone, or the node and everything below it.</summary>
    public AddWatchMode Mode { get; }

    /// <summary>
    /// The events, in the order the server sent them. Besides node events: a <see cref="ZooKeeperState.SyncConnected"/>
    /// event (type <see cref="WatchEventType.None"/>, with <see cref="WatchedEvent.Zxid"/>) each time the watch is set
    /// on the server, the first time included; <see cref="ZooKeeperState.Disconnected"/> when the connection drops (changes
    /// made until the next SyncConnected are not notified: read what you need again); and a last
    /// <see cref="ZooKeeperState.Expired"/> or <see cref="ZooKeeperState.Closed"/> event, after which the reader completes.
    /// Events are written by the receive loop before the replies that follow them, so a reply's continuation can look
    /// at what arrived before it.
    /// </summary>
    public ChannelReader<WatchedEvent> Events => _events.Reader;

    /// <summary>Removes the watch from the server (when no other watch of this client needs it) and completes <see cref="Events"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _client.RemoveWatchAsync(this).ConfigureAwait(false);
        _events.Writer.TryComplete();
    }

    internal void Post(WatchedEvent change) => _events.Writer.TryWrite(change);

    internal void End(WatchedEvent last)
    {
        _events.Writer.TryWrite(last);
        _events.Writer.TryComplete();
    }
}
