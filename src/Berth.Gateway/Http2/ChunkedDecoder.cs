using System.Buffers;
using System.IO.Pipelines;
using Berth.Gateway.Http;

namespace Berth.Gateway.Http2;

/// <summary>
/// Copies a chunked HTTP/1.1 body as its bare data (HTTP/2 frames the body itself): <see cref="ChunkedFraming"/>
/// checks the framing and finds the end; the data bytes are the ones it reports as chunk data.
/// </summary>
internal static class ChunkedDecoder
{
    /// <summary>Copies the data of the chunked body at the head of <paramref name="from"/>; the data bytes copied, or -1 when the body broke off or was malformed.</summary>
    public static async ValueTask<long> CopyAsync(PipeReader from, PipeWriter to, CancellationToken cancellationToken)
    {
        var framing = default(ChunkedFraming);
        long total = 0;
        while (true)
        {
            var result = await from.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                from.AdvanceTo(buffer.Start);
                return -1;
            }

            long consumed = 0;
            foreach (var segment in buffer)
            {
                var span = segment.Span;
                var i = 0;
                while (i < span.Length && !framing.IsDone)
                {
                    var data = framing.DataAhead;
                    if (data > 0)
                    {
                        var take = (int)Math.Min(data, span.Length - i);
                        to.Write(span.Slice(i, take));
                        total += take;
                        if (framing.Advance(span.Slice(i, take)) != take)
                        {
                            return -1;
                        }

                        i += take;
                        continue;
                    }

                    if (framing.Advance(span.Slice(i, 1)) != 1)
                    {
                        from.AdvanceTo(buffer.Start);
                        return -1;
                    }

                    i++;
                }

                consumed += i;
                if (framing.IsDone)
                {
                    break;
                }
            }

            from.AdvanceTo(buffer.GetPosition(consumed), framing.IsDone ? buffer.GetPosition(consumed) : buffer.End);
            var flushed = await to.FlushAsync(cancellationToken).ConfigureAwait(false);
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
}
