using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Berth.Gateway.Http;
using Berth.Gateway.Proxy;
using Berth.Gateway.Routing;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Gateway.Http2;

/// <summary>
/// Serves HTTP/2 streams (Kestrel's HTTP/2 over TLS) the way <see cref="ClientSession"/> serves HTTP/1.1 requests:
/// routed by <c>:authority</c>, answered locally or forwarded as HTTP/1.1 over the same pooled instance connections,
/// with the same retries, counters and X-Forwarded-* headers.
/// </summary>
internal sealed partial class StreamForwarder(ProxyServices services)
{
    private const int MaxHostLength = 300;
    private const int MaxResponseHead = 64 * 1024;
    private const int MaxStaleRetries = 2;

    /// <summary>The connection item holding the client connection's event loop, set before Kestrel's HTTP/2 takes over.</summary>
    public static readonly object ShardKey = new();

    private readonly TimeSpan _responseTimeout = TimeSpan.FromSeconds((double)services.ResponseTimeoutTicks / services.Time.TimestampFrequency);

    public Task InvokeAsync(HttpContext context)
    {
        var start = services.Time.GetTimestamp();
        var table = services.Routes.Current;
        var host = context.Request.Host.Value ?? "";
        var route = host.Length is > 0 and <= MaxHostLength ? table.Resolve(host, services.DomainSuffix) : null;
        var peer = context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : context.Connection.RemoteIpAddress;
        var trusted = peer is not null && services.TrustedProxies.Contains(peer);
        var client = trusted ? ForwardedClient(context.Request.Headers["X-Forwarded-For"].ToString(), peer) : peer;
        if (route is null)
        {
            return IsBlocked(table.GlobalBlacklist, client)
                ? RespondAsync(context, null, start, LocalResponse.Text(403, "Forbidden"))
                : AdminOrNotFoundAsync(context, host, IsAdmin(context.Request.Headers, peer, trusted, client));
        }

        if (IsBlocked(table.GlobalBlacklist, client) || IsBlocked(route.Blacklist, client))
        {
            return RespondAsync(context, route, start, LocalResponse.Text(403, "Forbidden"));
        }

        var destination = route.Pick(start);
        return destination is not null ? ForwardAsync(context, route, destination, start, peer?.ToString() ?? "unknown", trusted)
            : route.Sleep is not null ? HoldAsync(context, route, start, peer?.ToString() ?? "unknown", trusted)
            : RespondAsync(context, route, start, LocalResponse.Text(503, $"App {route.AppId} has no running instance; try again shortly", retryAfterSeconds: 5));
    }

    private static bool IsBlocked(Access.IpRangeSet blacklist, IPAddress? client) => !blacklist.IsEmpty && client is not null && blacklist.Contains(client);

    /// <summary>The last address in X-Forwarded-For that is not a trusted proxy (as <see cref="ClientSession"/> reads it).</summary>
    private IPAddress? ForwardedClient(string forwarded, IPAddress? nearest)
    {
        foreach (var entry in forwarded.Split(',').Reverse())
        {
            if (!IPAddress.TryParse(entry.Trim(), out var hop))
            {
                return nearest;
            }

            if (!services.TrustedProxies.Contains(hop))
            {
                return hop;
            }

            nearest = hop;
        }

        return nearest;
    }

    /// <summary>
    /// Whether the stream may read the admin surface, by <see cref="ClientSession"/>'s rule: it carries the admin token,
    /// or both the connection and the client it names are admin clients (a stream naming another origin came through
    /// a proxy, whose own address says nothing; only a trusted proxy's X-Forwarded-For is believed).
    /// </summary>
    private bool IsAdmin(IHeaderDictionary headers, IPAddress? peer, bool trusted, IPAddress? client)
    {
        if (services.AdminAuthorization is { } expected
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(headers.Authorization.ToString()), expected))
        {
            return true;
        }

        var peerAdmin = peer is not null && services.AdminClients.Contains(peer);
        var forwardedFor = headers.ContainsKey("X-Forwarded-For");
        if (!peerAdmin || !(forwardedFor || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP")))
        {
            return peerAdmin;
        }

        return trusted && forwardedFor && client is not null && services.AdminClients.Contains(client);
    }

    private Task AdminOrNotFoundAsync(HttpContext context, string host, bool admin)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        if (services.Admin.TryHandle(Encoding.ASCII.GetBytes(context.Request.Method), Encoding.ASCII.GetBytes(target), admin, out var response))
        {
            return RespondAsync(context, null, 0, response);
        }

        return RespondAsync(context, null, 0, LocalResponse.Text(404, host.Length == 0 ? "No app answers without a Host header" : $"No app answers to {host}"));
    }

    private async Task RespondAsync(HttpContext context, AppRoute? route, long start, LocalResponse answer)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        response.Headers.CacheControl = "no-store";
        if (answer.RetryAfterSeconds > 0)
        {
            response.Headers.RetryAfter = answer.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }

        if (route is not null)
        {
            var now = services.Time.GetTimestamp();
            route.Statistics.Record(answer.Status, 0, answer.Body.Length, Micros(start, now), services.Statistics.SecondOf(now));
        }
    }

    /// <summary>Tries the instance; a stale pooled connection is replaced, an instance that cannot be reached is backed off and another tried once.</summary>
    private async Task ForwardAsync(HttpContext context, AppRoute route, RouteDestination destination, long start, string peer, bool trusted)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);
        var idempotent = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsTrace(request.Method);
        var shard = context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ShardKey, out var item) == true && item is int loop ? loop : 0;
        var movedOn = false;
        var staleRetries = 0;
        while (true)
        {
            var now = services.Time.GetTimestamp();
            var connection = destination.Pool.Rent(now - services.UpstreamIdleTicks, shard);
            var reused = connection is not null;
            if (connection is null)
            {
                try
                {
                    connection = await services.Connector.ConnectAsync(destination.EndPoint, shard, context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    if (context.RequestAborted.IsCancellationRequested)
                    {
                        return;
                    }

                    destination.MarkFailed(now + services.BackoffTicks);
                    if (!movedOn && route.Pick(now, destination) is { } next)
                    {
                        (destination, movedOn) = (next, true);
                        continue;
                    }

                    await RespondAsync(context, route, start, LocalResponse.Text(502, $"App {route.AppId} did not answer; try again shortly")).ConfigureAwait(false);
                    return;
                }
            }

            var outcome = await ExchangeAsync(context, route, destination, connection, start, peer, trusted, hasBody, reused).ConfigureAwait(false);
            if (outcome == UpstreamOutcome.Done)
            {
                return;
            }

            now = services.Time.GetTimestamp();
            if (outcome == UpstreamOutcome.StaleConnection && staleRetries++ < MaxStaleRetries)
            {
                destination.Pool.CloseIdle(long.MaxValue);
                continue;
            }

            destination.MarkFailed(now + services.BackoffTicks);
            if (!movedOn && idempotent && !hasBody && route.Pick(now, destination) is { } other)
            {
                (destination, movedOn, staleRetries) = (other, true, 0);
                continue;
            }

            await RespondAsync(context, route, start, LocalResponse.Text(502, $"App {route.AppId} did not answer; try again shortly")).ConfigureAwait(false);
            return;
        }
    }

    private long Micros(long start, long now) => start == 0 ? 0 : (now - start) * 1_000_000 / services.Time.TimestampFrequency;
}
