using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Berth.Gateway.Forwarding;

/// <summary>
/// Copies the request as is (the original Host included, so apps see their public name) and sets X-Forwarded-For,
/// -Proto and -Host. Cheaper than YARP's default transform pipeline, which is measurable at the gateway's rates.
/// </summary>
internal sealed class ForwardedHeadersTransformer : HttpTransformer
{
    public static ForwardedHeadersTransformer Instance { get; } = new();

    /// <inheritdoc />
    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);

        // The gateway is the edge: whatever a client claims in these headers is replaced, never trusted.
        var headers = proxyRequest.Headers;
        headers.Remove(ForwardedHeaderNames.For);
        headers.Remove(ForwardedHeaderNames.Proto);
        headers.Remove(ForwardedHeaderNames.Host);

        if (httpContext.Connection.RemoteIpAddress is { } client)
        {
            headers.TryAddWithoutValidation(ForwardedHeaderNames.For, client.ToString());
        }

        headers.TryAddWithoutValidation(ForwardedHeaderNames.Proto, httpContext.Request.Scheme);
        if (httpContext.Request.Host.Value is { Length: > 0 } host)
        {
            headers.TryAddWithoutValidation(ForwardedHeaderNames.Host, host);
        }
    }
}
