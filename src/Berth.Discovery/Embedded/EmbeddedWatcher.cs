using System.Threading.Channels;
using Berth.Core.Discovery;

namespace Berth.Discovery.Embedded;

/// <summary>One watch on the embedded store: a prefix filter and a bounded queue of matching changes.</summary>
internal sealed class EmbeddedWatcher(string prefix, long afterRevision, int capacity)
{
    private readonly Channel<DiscoveryEvent> _channel = Channel.CreateBounded<DiscoveryEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The changes, in revision order.</summary>
    public ChannelReader<DiscoveryEvent> Reader => _channel.Reader;

    /// <summary>The revision of the last change queued for this watcher, where it would have to resume.</summary>
    public long LastRevision { get; private set; } = afterRevision;

    /// <summary>Queues the change when its key is under the prefix; false when the watcher is too far behind.</summary>
    public bool TryOffer(DiscoveryEvent change)
    {
        if (!change.Key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (!_channel.Writer.TryWrite(change))
        {
            return false;
        }

        LastRevision = change.Revision;
        return true;
    }

    /// <summary>Ends the watch with an error the reader sees after the queued changes.</summary>
    public void Fail(Exception error) => _channel.Writer.TryComplete(error);
}
