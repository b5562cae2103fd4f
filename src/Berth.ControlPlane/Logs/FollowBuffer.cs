using System.Threading.Channels;

namespace Berth.ControlPlane.Logs;

/// <summary>
/// The lines waiting for one log follower, at most <see cref="Capacity"/>. Writers never wait: a follower that reads
/// slower than its app writes is dropped (its stream ends with a note) rather than the server holding lines for it
/// without end.
/// </summary>
internal sealed class FollowBuffer(int capacity)
{
    private readonly Channel<AppLogLine> _channel = Channel.CreateBounded<AppLogLine>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The most lines held for the follower.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>True once the follower fell <see cref="Capacity"/> lines behind and was dropped.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Adds a line; false once the follower is dropped (this line filled the buffer, or an earlier one did).</summary>
    public bool Offer(AppLogLine line)
    {
        if (_channel.Writer.TryWrite(line))
        {
            return true;
        }

        if (_channel.Writer.TryComplete())
        {
            Dropped = true;
        }

        return false;
    }

    /// <summary>Ends the lines: the follower reads what is held, then its stream ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>The lines as they come, until <see cref="Complete"/> or the drop.</summary>
    public IAsyncEnumerable<AppLogLine> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
