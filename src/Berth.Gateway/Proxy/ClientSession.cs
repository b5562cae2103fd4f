using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Berth.Gateway.Access;
using Berth.Gateway.Http;
using Berth.Gateway.Routing;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Berth.Gateway.Proxy;

/// <summary>
/// One client connection: reads request heads, routes each by Host, answers locally (404, 403, 503, admin) or
/// forwards to an instance and relays the answer, for as long as keep-alive allows. Everything per request lives in
/// fields reused across requests, so the common path allocates nothing of its own.
/// </summary>
internal sealed partial class ClientSession
{
    private const int MaxRequestHead = 32 * 1024;
    private const int MaxResponseHead = 64 * 1024;

    private readonly ConnectionContext _connection;
    private readonly ProxyServices _services;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly IPAddress? _peer;
    private readonly byte[] _peerText;
    private readonly bool _peerTrusted;
    private readonly bool _peerAdmin;
    private readonly bool _secure;
    private readonly int _shard;
    private readonly RequestHead _request = new();
    private readonly ResponseHead _response = new();
    private byte[] _requestHead = ArrayPool<byte>.Shared.Rent(4096);
    private int _requestHeadLength;
    private byte[] _responseHead = ArrayPool<byte>.Shared.Rent(4096);
    private int _responseHeadLength;

    /// <summary>The request body on its way to the instance.</summary>
    private readonly TransferWatch _upload = new();

    /// <summary>Everything written to the client: an instance's answer, a local one, interim answers.</summary>
    private readonly TransferWatch _download = new();

    private readonly TransferWatch _tunnel = new();

    /// <summary>The instance connection of the exchange under way, for the watchdog to cut.</summary>
    private UpstreamConnection? _upstream;

    private long _lastTimestamp;
    private long _deadline = long.MaxValue;
    private PipeReader? _deadlineReader;
    private volatile bool _timedOut;
    private int _idle;
    private int _closing;

    /// <param name="secure">The connection came in over TLS: instances are told so (<c>X-Forwarded-Proto: https</c>).</param>
    public ClientSession(ConnectionContext connection, ProxyServices services, bool secure)
    {
        _connection = connection;
        _secure = secure;
        _services = services;
        _input = connection.Transport.Input;
        _output = connection.Transport.Output;
        _peer = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (_peer is { IsIPv4MappedToIPv6: true })
        {
            _peer = _peer.MapToIPv4();
        }

        _peerText = Encoding.ASCII.GetBytes(_peer?.ToString() ?? "unknown");
        _peerTrusted = _peer is not null && services.TrustedProxies.Contains(_peer);
        _peerAdmin = _peer is not null && services.AdminClients.Contains(_peer);
        _shard = UpstreamConnector.ShardOf(connection);
    }

    private ReadOnlySpan<byte> RequestBytes => _requestHead.AsSpan(0, _requestHeadLength);

    private ReadOnlySpan<byte> ResponseBytes => _responseHead.AsSpan(0, _responseHeadLength);

    private bool Closing => Volatile.Read(ref _closing) != 0;

    /// <summary>
    /// Serves the connection until the client or the gateway ends it. The wait for each request head is awaited here,
    /// in this long-lived method, not in one made per request: a level of awaiting less on every request.
    /// </summary>
    public async Task RunAsync()
    {
        var lifetime = _connection.Features.Get<IConnectionLifetimeNotificationFeature>();
        using var closeRequested = lifetime?.ConnectionClosedRequested.Register(static s => ((ClientSession)s!).OnCloseRequested(), this);
        _services.Watchdog.Add(this);
        try
        {
            var waiting = new HeadWait(_services.Time.GetTimestamp() + _services.KeepAliveTicks);
            while (true)
            {
                // Full fences on both sides (Interlocked), so a shutdown racing with this check is never missed.
                Interlocked.Exchange(ref _idle, waiting.Started ? 0 : 1);
                if (!waiting.Started && Closing)
                {
                    return;
                }

                Arm(_input, waiting.Deadline);
                ReadResult result;
                try
                {
                    result = await _input.ReadAsync().ConfigureAwait(false);
                }
                finally
                {
                    Disarm();
                    Volatile.Write(ref _idle, 0);
                }

                var step = TakeRequestHead(result, ref waiting, out var error);
                if (step == HeadStep.More)
                {
                    continue;
                }

                var goOn = step switch
                {
                    HeadStep.Taken => await HandleAsync().ConfigureAwait(false),
                    HeadStep.Refused => await RespondErrorAsync(error).ConfigureAwait(false),
                    _ => false,
                };
                if (!goOn)
                {
                    return;
                }

                waiting = new HeadWait(_services.Time.GetTimestamp() + _services.KeepAliveTicks);
            }
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or InvalidOperationException or OperationCanceledException)
        {
            // The client went away mid-exchange, or its input or output was completed under us: the connection just ends.
            ClientSessionLog.Ended(_services.Logger, e);
        }
        finally
        {
            _services.Watchdog.Remove(this);
            ArrayPool<byte>.Shared.Return(_requestHead);
            ArrayPool<byte>.Shared.Return(_responseHead);
        }
    }

    /// <summary>
    /// Called by the watchdog: cancels the pending read whose deadline passed, and cuts both connections when a body,
    /// an answer or a tunnel stopped moving (a client that never reads, an instance that fell silent mid-answer).
    /// </summary>
    public void CheckDeadline(long now)
    {
        var deadline = Volatile.Read(ref _deadline);
        if (now >= deadline && Interlocked.CompareExchange(ref _deadline, long.MaxValue, deadline) == deadline)
        {
            _timedOut = true;
            _deadlineReader?.CancelPendingRead();
        }

        // Not short-circuited: each watch notes what it saw on every tick.
        if (_upload.IsStalled(now, _services.TransferIdleTicks, _services.MinUploadBytes) | _download.IsStalled(now, _services.TransferIdleTicks)
            | _tunnel.IsStalled(now, _services.TunnelIdleTicks))
        {
            _timedOut = true;
            Volatile.Read(ref _upstream)?.Close();
            _connection.Abort(new ConnectionAbortedException("The transfer made no progress in time"));
        }
    }

    private void Arm(PipeReader reader, long deadline)
    {
        _timedOut = false;
        _deadlineReader = reader;
        Volatile.Write(ref _deadline, deadline);
    }

    private void Disarm() => Volatile.Write(ref _deadline, long.MaxValue);

    /// <summary>Server shutdown: an idle connection ends now, a busy one after its current exchange.</summary>
    private void OnCloseRequested()
    {
        Interlocked.Exchange(ref _closing, 1);
        if (Volatile.Read(ref _idle) != 0)
        {
            _input.CancelPendingRead();
        }
    }

    /// <summary>
    /// Takes what one read brought: a complete head is copied and parsed into <see cref="_request"/> (Taken, or Refused
    /// with the error to answer), an incomplete one waits for more (from its first byte under the headers timeout),
    /// a cancelled read or the end of the stream ends the connection when that is what the cancellation meant.
    /// </summary>
    private HeadStep TakeRequestHead(in ReadResult result, ref HeadWait waiting, out HeadError error)
    {
        error = HeadError.None;
        var buffer = result.Buffer;
        if (result.IsCanceled)
        {
            _input.AdvanceTo(buffer.Start, buffer.End);
            return _timedOut || Closing ? HeadStep.End : HeadStep.More;
        }

        var end = FindHeadEnd(buffer);
        if (end > MaxRequestHead || (end < 0 && buffer.Length > MaxRequestHead))
        {
            _input.AdvanceTo(buffer.End);
            error = HeadError.HeadTooLarge;
            return HeadStep.Refused;
        }

        if (end > 0)
        {
            CopyHead(buffer, (int)end, ref _requestHead);
            _requestHeadLength = (int)end;
            _input.AdvanceTo(buffer.GetPosition(end));
            error = RequestHeadParser.Parse(RequestBytes, _request);
            return error == HeadError.None ? HeadStep.Taken : HeadStep.Refused;
        }

        if (result.IsCompleted)
        {
            _input.AdvanceTo(buffer.End);
            return HeadStep.End;
        }

        if (!waiting.Started && !buffer.IsEmpty)
        {
            // From the first byte the whole head must arrive in time: a trickle does not keep a connection forever.
            waiting = new HeadWait(_services.Time.GetTimestamp() + _services.HeadersTimeoutTicks) { Started = true };
        }

        _input.AdvanceTo(buffer.Start, buffer.End);
        return HeadStep.More;
    }

    /// <summary>Routes the request in <see cref="_request"/>; false when the connection should end after it.</summary>
    private ValueTask<bool> HandleAsync()
    {
        var start = _services.Time.GetTimestamp();
        var table = _services.Routes.Current;
        if (table.HasAcmeChallenges && TryAnswerChallenge(table, out var challenge))
        {
            return RespondAsync(null, 0, challenge);
        }

        var route = Resolve(table);
        if (!TryClientAddress(out var client))
        {
            return RespondAsync(route, start, LocalResponse.Text(400, "X-Forwarded-For from a trusted proxy must be one line of IP addresses"));
        }

        if (route is null)
        {
            return IsBlocked(table.GlobalBlacklist, client)
                ? RespondAsync(null, start, LocalResponse.Text(403, "Forbidden"))
                : RespondAdminOrNotFoundAsync(client);
        }

        if (table.BlacklistUnreadable)
        {
            return RespondAsync(route, start, LocalResponse.Text(503, "The gateway cannot read its blacklists; refusing to serve", retryAfterSeconds: 5));
        }

        if (IsBlocked(table.GlobalBlacklist, client) || IsBlocked(route.Blacklist, client))
        {
            return RespondAsync(route, start, LocalResponse.Text(403, "Forbidden"));
        }

        if (route.HttpsRedirect && TryRedirectToHttps(route, out var redirect))
        {
            return RespondAsync(route, start, redirect);
        }

        var destination = route.Pick(start);
        return destination is not null ? ForwardAsync(route, destination, start)
            : route.Sleep is not null ? HoldAsync(route, start)
            : RespondAsync(route, start, LocalResponse.Text(503, $"App {route.AppId} has no running instance; try again shortly", retryAfterSeconds: 5));
    }

    /// <summary>
    /// Whether the request may read the admin surface: it carries the admin token, or both the connection and the
    /// client it names are admin clients. A request that names another origin (X-Forwarded-For, Forwarded,
    /// X-Real-IP) came through a proxy, so the connection's address alone says nothing: a reverse proxy on loopback
    /// would otherwise open the surface to everyone behind it. Only a trusted proxy's X-Forwarded-For is believed.
    /// </summary>
    private bool IsAdmin(IPAddress? client)
    {
        if (_services.AdminAuthorization is { } expected)
        {
            var presented = RequestBytes[_request.Authorization];
            if (CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                return true;
            }
        }

        if (!_peerAdmin || !_request.NamesOrigin)
        {
            return _peerAdmin;
        }

        return _peerTrusted && !_request.ForwardedFor.Equals(default(Range)) && client is not null && _services.AdminClients.Contains(client);
    }

    private static bool IsBlocked(IpRangeSet blacklist, IPAddress? client) => !blacklist.IsEmpty && client is not null && blacklist.Contains(client);

    private ValueTask<bool> RespondAdminOrNotFoundAsync(IPAddress? client)
    {
        var head = RequestBytes;
        if (_services.Admin.TryHandle(head[_request.Method], head[_request.Target], IsAdmin(client), out var response))
        {
            return RespondAsync(null, 0, response);
        }

        var host = Encoding.Latin1.GetString(head[_request.Host]);
        return RespondAsync(null, 0, LocalResponse.Text(404, host.Length == 0 ? "No app answers without a Host header" : $"No app answers to {host}"));
    }

    /// <summary>
    /// Answers locally. The request body is never read, so a request with one ends the connection; the answer counts
    /// in the app's statistics when the request named an app.
    /// </summary>
    private async ValueTask<bool> RespondAsync(AppRoute? route, long start, LocalResponse response)
    {
        var keepAlive = _request.KeepAlive && !_request.HasBody && !Closing;
        var written = response.WriteTo(_output, close: !keepAlive, headOnly: _request.IsHead);
        var flushed = await FlushToClientAsync().ConfigureAwait(false);
        if (route is not null)
        {
            var micros = ElapsedMicros(start);
            route.Statistics.Record(response.Status, _requestHeadLength, written, micros, _services.Statistics.SecondOf(_lastTimestamp));
        }
        return keepAlive && !flushed.IsCompleted;
    }

    private async ValueTask<bool> RespondErrorAsync(HeadError error)
    {
        var message = error switch
        {
            HeadError.HeadTooLarge => "The request head is too large",
            HeadError.NotImplemented => "Only the chunked transfer coding is supported",
            HeadError.VersionNotSupported => "Only HTTP/1.0 and HTTP/1.1 are supported",
            _ => "The request is malformed",
        };
        LocalResponse.Text((int)error, message).WriteTo(_output, close: true, headOnly: false);
        await FlushToClientAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>A flush of what was written for the client, under the transfer deadline: a client that does not read cannot hold it.</summary>
    private async ValueTask<FlushResult> FlushToClientAsync()
    {
        _download.Begin();
        try
        {
            return await _output.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _download.End();
        }
    }

    /// <summary>Microseconds since <paramref name="start"/>; the clock reading is kept in <see cref="_lastTimestamp"/>.</summary>
    private long ElapsedMicros(long start)
    {
        _lastTimestamp = _services.Time.GetTimestamp();
        return (_lastTimestamp - start) * 1_000_000 / _services.Time.TimestampFrequency;
    }

    /// <summary>Where the head ends (just past the empty line), or -1 when it is not complete yet.</summary>
    private static long FindHeadEnd(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            var index = buffer.FirstSpan.IndexOf(HttpChars.EndOfHead);
            return index < 0 ? -1 : index + HttpChars.EndOfHead.Length;
        }

        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, HttpChars.EndOfHead, advancePastDelimiter: true) ? reader.Consumed : -1;
    }

    private static void CopyHead(in ReadOnlySequence<byte> buffer, int length, ref byte[] target)
    {
        if (target.Length < length)
        {
            ArrayPool<byte>.Shared.Return(target);
            target = ArrayPool<byte>.Shared.Rent(length);
        }

        buffer.Slice(0, length).CopyTo(target);
    }
}
