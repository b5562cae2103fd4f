using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Berth.Gateway.Http;
using Berth.Gateway.Proxy;
using Berth.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace Berth.Gateway.Http2;

internal sealed partial class StreamForwarder
{
    /// <summary>One request and its answer over <paramref name="connection"/>, which goes back to the pool when it may carry another.</summary>
    private async Task<UpstreamOutcome> ExchangeAsync(
        HttpContext context, AppRoute route, RouteDestination destination, UpstreamConnection connection, long start, string peer, bool trusted, bool hasBody, bool reused)
    {
        var request = context.Request;
        var chunked = hasBody && request.ContentLength is null;
        var isHead = HttpMethods.IsHead(request.Method);
        var reusable = false;
        var response = new ResponseHead();
        byte[]? head = null;
        destination.Enter();
        var aborted = context.RequestAborted.Register(static c => ((UpstreamConnection)c!).Close(), connection);
        try
        {
            long bytesIn = UpstreamRequestWriter.Write(connection.Output, context, peer, trusted, chunked);
            var body = Task.FromResult(0L);
            if (hasBody)
            {
                body = RelayRequestBodyAsync(request.BodyReader, connection, chunked ? -1 : request.ContentLength!.Value);
            }
            else if ((await connection.Output.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return reused ? UpstreamOutcome.StaleConnection : UpstreamOutcome.NoResponse;
            }

            int headLength;
            using (var timeout = new CancellationTokenSource(_responseTimeout, services.Time))
            using (timeout.Token.Register(static i => ((PipeReader)i!).CancelPendingRead(), connection.Input))
            {
                do
                {
                    (head, headLength) = await ReadHeadAsync(connection.Input, head).ConfigureAwait(false);
                }
                while (headLength > 0 && ResponseHeadParser.TryParse(head.AsSpan(0, headLength), response) && response.IsInterim);

                if (headLength <= 0 || response.StatusCode == 0 || response.IsInterim)
                {
                    if (headLength == 0 && !hasBody && !context.RequestAborted.IsCancellationRequested)
                    {
                        return reused ? UpstreamOutcome.StaleConnection : UpstreamOutcome.NoResponse;
                    }

                    connection.Close();
                    var answer = timeout.IsCancellationRequested
                        ? LocalResponse.Text(504, $"App {route.AppId} did not answer in time")
                        : LocalResponse.Text(502, $"App {route.AppId} gave no valid answer");
                    await RespondAsync(context, route, start, answer).ConfigureAwait(false);
                    return UpstreamOutcome.Done;
                }
            }

            if (response.StatusCode == 101 || !ResponseHeadParser.TryParse(head.AsSpan(0, headLength), response))
            {
                // An upgrade has no HTTP/2 equivalent here (RFC 8441's extended CONNECT is not offered).
                connection.Close();
                await RespondAsync(context, route, start, LocalResponse.Text(502, $"App {route.AppId} gave no valid answer")).ConfigureAwait(false);
                return UpstreamOutcome.Done;
            }

            CopyResponseHead(context.Response, head.AsSpan(0, headLength), response.StatusCode);
            if (route.Hsts is { } hsts)
            {
                // HTTP/2 runs over TLS only: the app's HSTS applies to every answer, in place of the instance's own.
                context.Response.Headers.StrictTransportSecurity = hsts;
            }

            // The session watchdog follows HTTP/1.1 sessions only; the relays' watches here are not watched (Kestrel's
            // minimum data rates cover the client side of a stream).
            var framing = response.Framing(isHead);
            var writer = context.Response.BodyWriter;
            var relayed = framing switch
            {
                BodyFraming.Fixed => await BodyRelay.CopyFixedAsync(connection.Input, writer, response.ContentLength, new TransferWatch()).ConfigureAwait(false),
                BodyFraming.Chunked => await ChunkedDecoder.CopyAsync(connection.Input, writer, context.RequestAborted).ConfigureAwait(false),
                BodyFraming.UntilClose => await BodyRelay.CopyToEndAsync(connection.Input, writer, new TransferWatch()).ConfigureAwait(false),
                _ => 0,
            };

            if (!body.IsCompleted)
            {
                request.BodyReader.CancelPendingRead();
            }

            var bodyBytes = await body.ConfigureAwait(false);
            var now = services.Time.GetTimestamp();
            var micros = Micros(start, now);
            var second = services.Statistics.SecondOf(now);
            bytesIn += Math.Max(bodyBytes, 0);
            route.Statistics.Record(response.StatusCode, bytesIn, headLength + Math.Max(relayed, 0), micros, second);
            destination.Statistics.Counters.Record(response.StatusCode, bytesIn, headLength + Math.Max(relayed, 0), micros, second);
            reusable = relayed >= 0 && bodyBytes >= 0 && framing != BodyFraming.UntilClose && response.Reusable && !context.RequestAborted.IsCancellationRequested;
            if (relayed < 0)
            {
                context.Abort();
            }

            return UpstreamOutcome.Done;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The client reset its stream or the instance its connection mid-answer: the stream just ends.
            context.Abort();
            return UpstreamOutcome.Done;
        }
        finally
        {
            // First, so a client leaving from now on cannot close a connection that went back to the pool.
            aborted.Dispose();
            destination.Leave();
            if (head is not null)
            {
                ArrayPool<byte>.Shared.Return(head);
            }

            if (reusable)
            {
                destination.Pool.Return(connection, services.Time.GetTimestamp());
            }
            else
            {
                connection.Close();
            }
        }
    }

    /// <summary>
    /// Reads one response head into <paramref name="head"/> (rented as needed). The length read; 0 when the connection
    /// ended before a byte, -1 when it ended mid-head, the head was too large, or the wait was cancelled (the deadline).
    /// </summary>
    private static async ValueTask<(byte[] Head, int Length)> ReadHeadAsync(PipeReader input, byte[]? head)
    {
        head ??= ArrayPool<byte>.Shared.Rent(4096);
        var sawBytes = false;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
            {
                return (head, sawBytes ? -1 : 0);
            }

            var buffer = result.Buffer;
            var end = FindHeadEnd(buffer);
            if (end > 0 && end <= MaxResponseHead)
            {
                if (head.Length < end)
                {
                    ArrayPool<byte>.Shared.Return(head);
                    head = ArrayPool<byte>.Shared.Rent((int)end);
                }

                buffer.Slice(0, end).CopyTo(head);
                input.AdvanceTo(buffer.GetPosition(end));
                return (head, (int)end);
            }

            sawBytes |= !buffer.IsEmpty;
            if (result.IsCanceled || result.IsCompleted || end > MaxResponseHead || buffer.Length > MaxResponseHead)
            {
                input.AdvanceTo(buffer.End);
                return (head, buffer.IsEmpty && !sawBytes ? 0 : -1);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static long FindHeadEnd(in ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, HttpChars.EndOfHead, advancePastDelimiter: true) ? reader.Consumed : -1;
    }

    /// <summary>The status and headers for the HTTP/2 response, minus those that belong to the HTTP/1.1 connection.</summary>
    private static void CopyResponseHead(HttpResponse target, ReadOnlySpan<byte> head, int status)
    {
        target.StatusCode = status;
        var position = head.IndexOf(HttpChars.Crlf) + 2;
        while (true)
        {
            var length = head[position..].IndexOf(HttpChars.Crlf);
            if (length <= 0)
            {
                return;
            }

            var line = head.Slice(position, length);
            position += length + 2;
            var colon = line.IndexOf((byte)':');
            var name = line[..colon];
            if (HeaderNames.Classify(name) is HeaderName.Connection or HeaderName.KeepAlive or HeaderName.ProxyConnection or HeaderName.TransferEncoding or HeaderName.Upgrade)
            {
                continue;
            }

            target.Headers.Append(Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8)));
        }
    }

    /// <summary>Streams the request body to the instance (chunked when <paramref name="length"/> is -1); the bytes sent, -1 when it broke off.</summary>
    private static async Task<long> RelayRequestBodyAsync(PipeReader from, UpstreamConnection connection, long length)
    {
        try
        {
            if (length >= 0)
            {
                var copied = await BodyRelay.CopyFixedAsync(from, connection.Output, length, new TransferWatch()).ConfigureAwait(false);
                if (copied < 0)
                {
                    connection.Close();
                }

                return copied;
            }

            long total = 0;
            var output = connection.Output;
            while (true)
            {
                var result = await from.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (result.IsCanceled)
                {
                    from.AdvanceTo(buffer.Start);
                    connection.Close();
                    return -1;
                }

                if (!buffer.IsEmpty)
                {
                    WriteAscii(output, buffer.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n");
                    foreach (var segment in buffer)
                    {
                        output.Write(segment.Span);
                    }

                    output.Write("\r\n"u8);
                    total += buffer.Length;
                }

                from.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    output.Write("0\r\n\r\n"u8);
                }

                if ((await output.FlushAsync().ConfigureAwait(false)).IsCompleted)
                {
                    connection.Close();
                    return -1;
                }

                if (result.IsCompleted)
                {
                    return total;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            connection.Close();
            return -1;
        }
    }

    private static void WriteAscii(PipeWriter output, string text)
    {
        var span = output.GetSpan(text.Length);
        output.Advance(Encoding.ASCII.GetBytes(text, span));
    }
}
