using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Berth.Gateway.Http;
using Berth.Gateway.Routing;

namespace Berth.Gateway.Proxy;

internal sealed partial class ClientSession
{
    private const int MaxStaleRetries = 2;

    /// <summary>More 1xx answers than any real exchange has (100 Continue, 102, 103): an instance that sends more is stalling.</summary>
    private const int MaxInterimResponses = 10;

    /// <summary>
    /// Forwards to <paramref name="destination"/>; true when the client's connection may carry another request. An
    /// instance that cannot be reached is taken out of balancing for the back-off and the request goes once to another
    /// instance: any request when nothing was sent (connection refused), an idempotent request without a body when the
    /// instance took it and closed without answering. A pooled connection that turns out closed is replaced by a new
    /// one to the same instance. The session awaits this method itself, not a retry loop around it: a level of
    /// awaiting less on every answer.
    /// </summary>
    private ValueTask<bool> ForwardAsync(AppRoute route, RouteDestination destination, long start) =>
        AttemptAsync(route, destination, start, start, movedOn: false, staleRetries: 0);

    /// <summary>After a failed try: a new connection, another instance, or a 502, as <see cref="ForwardAsync"/> says.</summary>
    private ValueTask<bool> ForwardAgainAsync(AppRoute route, RouteDestination destination, long start, AttemptFailure failure, bool movedOn, int staleRetries)
    {
        if (failure == AttemptFailure.StaleConnection && staleRetries < MaxStaleRetries)
        {
            // Its siblings in the pool most likely died with it (the instance restarted or went away).
            destination.Pool.CloseIdle(long.MaxValue);
            return AttemptAsync(route, destination, start, _services.Time.GetTimestamp(), movedOn, staleRetries + 1);
        }

        var now = _services.Time.GetTimestamp();
        if (failure != AttemptFailure.StaleConnection)
        {
            destination.MarkFailed(now + _services.BackoffTicks);
        }

        var retryable = failure == AttemptFailure.ConnectFailed || (_request.IsIdempotent && !_request.HasBody);
        if (!movedOn && retryable && route.Pick(now, destination) is { } next)
        {
            return AttemptAsync(route, next, start, now, movedOn: true, staleRetries: 0);
        }

        return RespondAsync(route, start, LocalResponse.Text(502, $"App {route.AppId} did not answer; try again shortly"));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> AttemptAsync(AppRoute route, RouteDestination destination, long start, long now, bool movedOn, int staleRetries)
    {
        // "now" is when this try began: clock readings are paid per request, so one serves the pool, the deadline and the counters.
        AttemptFailure failure;
        var connection = destination.Pool.Rent(now - _services.UpstreamIdleTicks, _shard);
        var reused = connection is not null;
        if (connection is null)
        {
            try
            {
                connection = await _services.Connector.ConnectAsync(destination.EndPoint, _shard, _connection.ConnectionClosed).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // Refused or timed out; unless it was the client leaving that cancelled the connect.
                if (_connection.ConnectionClosed.IsCancellationRequested)
                {
                    return false;
                }

                failure = AttemptFailure.ConnectFailed;
                goto Failed;
            }
        }

        destination.Enter();
        var reusable = false;
        Volatile.Write(ref _upstream, connection);
        _upload.SawChunkExtras = _download.SawChunkExtras = _upload.Malformed = false;
        try
        {
            var bytesIn = WriteRequestHead(connection.Output);
            ValueTask<long> body = default;
            if (_request.HasBody)
            {
                if (_request.ExpectContinue && _request.IsHttp11)
                {
                    // The gateway reads the body itself, so it answers the client's Expect itself (as nginx does).
                    _output.Write("HTTP/1.1 100 Continue\r\n\r\n"u8);
                    await FlushToClientAsync().ConfigureAwait(false);
                }

                body = RelayRequestBodyAsync(connection);
            }
            else if ((await connection.Output.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                failure = reused ? AttemptFailure.StaleConnection : AttemptFailure.NoResponse;
                goto Failed;
            }

            // The final response head; interim 1xx answers are passed on to HTTP/1.1 clients. Awaited here, not in a
            // method of its own: every level of awaiting is paid again on each answer.
            var input = connection.Input;
            var head = HeadRead.Ok;
            var sawBytes = false;
            var interims = 0;
            Arm(input, now + _services.ResponseTimeoutTicks);
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await input.ReadAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Reset or aborted: whether anything was said decides between "no answer" and "broken answer".
                    head = sawBytes ? HeadRead.Malformed : HeadRead.NoBytes;
                    break;
                }

                var step = TakeResponseHead(input, result, ref sawBytes, out head);
                if (step == HeadStep.More)
                {
                    continue;
                }

                if (step == HeadStep.End || !_response.IsInterim)
                {
                    break;
                }

                if (++interims > MaxInterimResponses)
                {
                    head = HeadRead.Malformed;
                    break;
                }

                if (_request.IsHttp11 && !(_request.ExpectContinue && _response.StatusCode == 100))
                {
                    _output.Write(ResponseBytes);
                    await FlushToClientAsync().ConfigureAwait(false);
                }

                // The final head gets a deadline of its own.
                sawBytes = false;
                Arm(input, _services.Time.GetTimestamp() + _services.ResponseTimeoutTicks);
            }

            Disarm();
            if (head != HeadRead.Ok)
            {
                if (!_request.HasBody && head == HeadRead.NoBytes)
                {
                    failure = reused ? AttemptFailure.StaleConnection : AttemptFailure.NoResponse;
                    goto Failed;
                }

                connection.Close();
                StopBody(body);
                await FinishBodyAsync(body).ConfigureAwait(false);
                var answer = _upload.Malformed ? LocalResponse.Text(400, "The chunked request body is malformed")
                    : head == HeadRead.TimedOut ? LocalResponse.Text(504, $"App {route.AppId} did not answer in time")
                    : LocalResponse.Text(502, $"App {route.AppId} gave no valid answer");
                await RespondAsync(route, start, answer).ConfigureAwait(false);
                return false;
            }

            if (_response.StatusCode == 101)
            {
                await FinishBodyAsync(body).ConfigureAwait(false);
                return await TunnelAsync(route, destination, connection, start, bytesIn).ConfigureAwait(false);
            }

            var framing = _response.Framing(_request.IsHead);
            var keepAlive = _request.KeepAlive && framing != BodyFraming.UntilClose && !Closing;
            long bytesOut = WriteResponseHead(close: !keepAlive, upgrade: false, _secure ? route.HstsLine : null);
            _download.Begin();
            var relayed = framing switch
            {
                BodyFraming.Fixed => await BodyRelay.CopyFixedAsync(connection.Input, _output, _response.ContentLength, _download).ConfigureAwait(false),
                BodyFraming.Chunked => await BodyRelay.CopyChunkedAsync(connection.Input, _output, _download).ConfigureAwait(false),
                BodyFraming.UntilClose => await BodyRelay.CopyToEndAsync(connection.Input, _output, _download).ConfigureAwait(false),
                _ => (await _output.FlushAsync().ConfigureAwait(false)).IsCompleted ? -1 : 0,
            };
            _download.End();

            StopBody(body);
            var bodyBytes = await FinishBodyAsync(body).ConfigureAwait(false);
            Record(route, destination, start, bytesIn + Math.Max(bodyBytes, 0), bytesOut + Math.Max(relayed, 0));

            // Only a plain exchange leaves the connection in a state every back end agrees on: anything unusual on it
            // (interim answers, an upgrade refused, chunk extensions or trailers) costs a new connection, not a risk.
            reusable = relayed >= 0 && bodyBytes >= 0 && framing != BodyFraming.UntilClose && _response.Reusable
                && interims == 0 && !_request.IsUpgrade && !_upload.SawChunkExtras && !_download.SawChunkExtras;
            return relayed >= 0 && bodyBytes >= 0 && keepAlive;
        }
        finally
        {
            Disarm();
            _download.End();
            Volatile.Write(ref _upstream, null);
            destination.Leave();
            if (reusable)
            {
                destination.Pool.Return(connection, _lastTimestamp);
            }
            else
            {
                connection.Close();
            }
        }

    Failed:
        return await ForwardAgainAsync(route, destination, start, failure, movedOn, staleRetries).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes what one read of the instance's connection brought: a complete head is copied and parsed into
    /// <see cref="_response"/> (Taken, or End with Malformed); an incomplete one waits for more; the end of the stream,
    /// an oversized head or the deadline end the wait (End, with the outcome).
    /// </summary>
    private HeadStep TakeResponseHead(PipeReader input, in ReadResult result, ref bool sawBytes, out HeadRead outcome)
    {
        outcome = HeadRead.Ok;
        var buffer = result.Buffer;
        if (result.IsCanceled)
        {
            input.AdvanceTo(buffer.Start, buffer.End);
            outcome = HeadRead.TimedOut;
            return _timedOut ? HeadStep.End : HeadStep.More;
        }

        var end = FindHeadEnd(buffer);
        if (end > 0 && end <= MaxResponseHead)
        {
            CopyHead(buffer, (int)end, ref _responseHead);
            _responseHeadLength = (int)end;
            input.AdvanceTo(buffer.GetPosition(end));

            // A switch nobody asked for would turn the client's connection into a raw pipe to the instance.
            if (ResponseHeadParser.TryParse(ResponseBytes, _response) && (_response.StatusCode != 101 || _request.IsUpgrade))
            {
                return HeadStep.Taken;
            }

            outcome = HeadRead.Malformed;
            return HeadStep.End;
        }

        if (end > MaxResponseHead || buffer.Length > MaxResponseHead || result.IsCompleted)
        {
            var empty = buffer.IsEmpty;
            input.AdvanceTo(buffer.End);
            outcome = empty && !sawBytes ? HeadRead.NoBytes : HeadRead.Malformed;
            return HeadStep.End;
        }

        sawBytes |= !buffer.IsEmpty;
        input.AdvanceTo(buffer.Start, buffer.End);
        return HeadStep.More;
    }

    /// <summary>Streams the request body to the instance while its answer is awaited; on failure the instance connection is cut.</summary>
    private async ValueTask<long> RelayRequestBodyAsync(UpstreamConnection connection)
    {
        _upload.Begin();
        try
        {
            var copied = _request.Chunked
                ? await BodyRelay.CopyChunkedAsync(_input, connection.Output, _upload).ConfigureAwait(false)
                : await BodyRelay.CopyFixedAsync(_input, connection.Output, _request.ContentLength, _upload).ConfigureAwait(false);
            if (copied < 0)
            {
                connection.Close();
            }

            return copied;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            connection.Close();
            return -1;
        }
        finally
        {
            _upload.End();
        }
    }

    /// <summary>An instance that answered before reading the whole body: the rest of it is not worth reading.</summary>
    private void StopBody(ValueTask<long> body)
    {
        if (_request.HasBody && !body.IsCompleted)
        {
            _input.CancelPendingRead();
        }
    }

    private static async ValueTask<long> FinishBodyAsync(ValueTask<long> body) => body == default ? 0 : await body.ConfigureAwait(false);

    /// <summary>After 101 Switching Protocols (WebSocket): bytes both ways until either side closes, then both close.</summary>
    private async ValueTask<bool> TunnelAsync(AppRoute route, RouteDestination destination, UpstreamConnection connection, long start, long bytesIn)
    {
        var bytesOut = WriteResponseHead(close: false, upgrade: true, hsts: null);
        _tunnel.Begin();
        try
        {
            return await RelayTunnelAsync(route, destination, connection, start, bytesIn, bytesOut).ConfigureAwait(false);
        }
        finally
        {
            _tunnel.End();
        }
    }

    private async ValueTask<bool> RelayTunnelAsync(AppRoute route, RouteDestination destination, UpstreamConnection connection, long start, long bytesIn, long bytesOut)
    {
        if ((await _output.FlushAsync().ConfigureAwait(false)).IsCompleted)
        {
            return false;
        }

        Record(route, destination, start, bytesIn, bytesOut);
        var up = BodyRelay.CopyToEndAsync(_input, connection.Output, _tunnel).AsTask();
        var down = BodyRelay.CopyToEndAsync(connection.Input, _output, _tunnel).AsTask();
        await Task.WhenAny(up, down).ConfigureAwait(false);
        connection.Close();
        _input.CancelPendingRead();
        try
        {
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // One side was cut while the other still copied: the tunnel is over either way.
        }

        return false;
    }

    private void Record(AppRoute route, RouteDestination destination, long start, long bytesIn, long bytesOut)
    {
        var micros = ElapsedMicros(start);
        var second = _services.Statistics.SecondOf(_lastTimestamp);
        route.Statistics.Record(_response.StatusCode, bytesIn, bytesOut, micros, second);
        destination.Statistics.Counters.Record(_response.StatusCode, bytesIn, bytesOut, micros, second);
    }
}
