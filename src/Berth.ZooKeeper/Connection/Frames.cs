using System.Buffers.Binary;

namespace Berth.ZooKeeper.Connection;

/// <summary>Reads length-prefixed frames off a stream.</summary>
internal static class Frames
{
    /// <summary>Larger than any reply a sane server sends (its own default limit is about 1 MB of data per node).</summary>
    private const int MaxFrameLength = 64 * 1024 * 1024;

    /// <summary>The next frame's payload; <see cref="EndOfStreamException"/> when the server closed the connection.</summary>
    public static async Task<byte[]> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[4];
        await stream.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length is < 0 or > MaxFrameLength)
        {
            throw new InvalidDataException($"A ZooKeeper frame announced {length} bytes; the connection is out of step.");
        }

        var frame = new byte[length];
        await stream.ReadExactlyAsync(frame, cancellationToken).ConfigureAwait(false);
        return frame;
    }
}
