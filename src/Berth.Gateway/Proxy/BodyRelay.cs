using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Berth.Gateway.Http;

namespace Berth.Gateway.Proxy;

/// <summary>
/// Copies message bodies from a reader to a writer without changing a byte, following only as much framing as it takes to find
/// the end, and telling <see cref="TransferWatch"/> of every read and flush that completed. Each returns the bytes copied, or -1
/// when the source ended early, the read was cancelled, the framing was malformed or the destination went away.
/// </summary>
internal static class BodyRelay
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<long> CopyFixedAsync(PipeReader from, PipeWriter to, long length, TransferWatch watch)
    {
        var remaining = length;
        while (remaining > 0)
        {
            var result = await from.ReadAsync().ConfigureAwait(false);
            watch.Moved();
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                from.AdvanceTo(buffer.Start);
                return -1;
            }

            var chunk = buffer.Slice(0, Math.Min(remaining, buffer.Length));
            Write(to, chunk);
            remaining -= chunk.Length;
            from.AdvanceTo(chunk.End);
            if ((remaining > 0 && result.IsCompleted) || (await to.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return -1;
            }

            watch.Moved();
        }

        return length;
    }

    public static async ValueTask<long> CopyChunkedAsync(PipeReader from, PipeWriter to, TransferWatch watch)
    {
        var framing = default(ChunkedFraming);
        long total = 0;
        while (true)
        {
            var result = await from.ReadAsync().ConfigureAwait(false);
            watch.Moved();
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                from.AdvanceTo(buffer.Start);
                return -1;
            }

            var consumed = Follow(ref framing, buffer);
            watch.SawChunkExtras |= framing.SawExtras;
            if (consumed < 0)
            {
                watch.Malformed = true;
                from.AdvanceTo(buffer.Start);
                return -1;
            }

            var chunk = buffer.Slice(0, consumed);
            Write(to, chunk);
            total += consumed;
            from.AdvanceTo(chunk.End, framing.IsDone ? chunk.End : buffer.End);
            var flushed = await to.FlushAsync().ConfigureAwait(false);
            watch.Moved();
            if (framing.IsDone)
            {
                return flushed.IsCompleted ? -1 : total;
            }

            if (result.IsCompleted || flushed.IsCompleted)
            {
                return -1;
            }
        }
    }

    /// <summary>Copies until the source ends (bodies delimited by close, and tunnels).</summary>
    public static async ValueTask<long> CopyToEndAsync(PipeReader from, PipeWriter to, TransferWatch watch)
    {
        long total = 0;
        while (true)
        {
            var result = await from.ReadAsync().ConfigureAwait(false);
            watch.Moved();
            var buffer = result.Buffer;
            Write(to, buffer);
            total += buffer.Length;
            from.AdvanceTo(buffer.End);
            if (result.IsCanceled || (await to.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return -1;
            }

            watch.Moved();
            if (result.IsCompleted)
            {
                return total;
            }
        }
    }

    private static void Write(PipeWriter to, in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            to.Write(segment.Span);
        }
    }

    private static long Follow(ref ChunkedFraming framing, in ReadOnlySequence<byte> buffer)
    {
        long consumed = 0;
        foreach (var segment in buffer)
        {
            var taken = framing.Advance(segment.Span);
            if (taken < 0)
            {
                return -1;
            }

            consumed += taken;
            if (framing.IsDone)
            {
                break;
            }
        }

        return consumed;
    }
}
