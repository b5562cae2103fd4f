using Berth.Gateway.Forwarding;
using Berth.Gateway.Health;
using Berth.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Berth.Gateway;

/// <summary>
/// The terminal handler for every request: Host → app → instance → forward. It reads only the in-memory route table
/// and does not log, since it runs per request; forwarding errors become YARP's 502/504.
/// </summary>
internal sealed class GatewayRequestHandler(
    RouteTableUpdater routes, IHttpForwarder forwarder, UpstreamClient upstream, IOptions<GatewayOptions> options)
{
    /// <summary>The gateway's own health, answered only for hosts that are not app hosts.</summary>
    public const string HealthPath = "/_berth/health";

    private const string TextContentType = "text/plain; charset=utf-8";

    private readonly string _domainSuffix = "." + options.Value.BaseDomain;

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host.Value ?? "";
        if (!HostNames.TryGetAppId(host, _domainSuffix, out var appId))
        {
            return context.Request.Path.Equals(HealthPath) ? WriteHealthAsync(context) : WriteNotFoundAsync(context, host);
        }

        if (!routes.Current.TryGetRoute(appId, out var route))
        {
            return WriteNotFoundAsync(context, host);
        }

        return route.Pick() is { } destination ? ForwardAsync(context, destination.Prefix) : WriteUnavailableAsync(context, route.AppId);
    }

    private async Task ForwardAsync(HttpContext context, string destinationPrefix) =>
        await forwarder.SendAsync(context, destinationPrefix, upstream.Invoker, UpstreamClient.RequestConfig, ForwardedHeadersTransformer.Instance)
            .ConfigureAwait(false);

    private static Task WriteNotFoundAsync(HttpContext context, string host)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = TextContentType;
        return context.Response.WriteAsync($"No app answers to {host}\n");
    }

    private static Task WriteUnavailableAsync(HttpContext context, string appId)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        context.Response.ContentType = TextContentType;
        return context.Response.WriteAsync($"App {appId} has no running instance; try again shortly\n");
    }

    private Task WriteHealthAsync(HttpContext context)
    {
        var table = routes.Current;
        var started = routes.HasTable;
        var status = !started ? "starting" : routes.IsStale ? "stale" : "ok";

        // Stale still routes with the last table, so only a gateway that never read discovery is unhealthy.
        context.Response.StatusCode = started ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.CacheControl = "no-store";
        var health = new GatewayHealth(status, table.Count, routes.IsStale, table.Revision, routes.LastError);
        return context.Response.WriteAsJsonAsync(health, GatewayJsonContext.Default.GatewayHealth, cancellationToken: context.RequestAborted);
    }
}
