using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Berth.Gateway.Forwarding;

/// <summary>The one pooled HTTP client every forwarded request goes through, and the per-request settings.</summary>
internal sealed class UpstreamClient : IDisposable
{
    /// <summary>Instances are plain-HTTP Kestrel/busybox/etc. servers: HTTP/1.1 with keep-alive.</summary>
    public static readonly ForwarderRequestConfig RequestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromSeconds(100),
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    /// <summary>The shared invoker; connections are pooled per instance address.</summary>
    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),

        // Destinations are IP addresses, so there is no DNS change to pick up by recycling connections.
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,

        // The client's trace headers are copied through; the handler adding its own would duplicate them.
        ActivityHeadersPropagator = null,
    });

    /// <inheritdoc />
    public void Dispose() => Invoker.Dispose();
}
