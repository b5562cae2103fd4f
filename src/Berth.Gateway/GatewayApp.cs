using Berth.Core.Discovery;
using Berth.Gateway.Http2;
using Berth.Gateway.Proxy;
using Berth.Gateway.Tls;
using Berth.Gateway.Transport.Epoll;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Gateway;

/// <summary>
/// Builds the gateway host: Kestrel's transport on one URL (and on an HTTPS one when set), every HTTP/1.1 connection
/// served by the gateway's own proxy, HTTP/2 streams by the <see cref="StreamForwarder"/>.
/// </summary>
public static class GatewayApp
{
    /// <summary>
    /// A gateway listening on <paramref name="url"/> (e.g. <c>http://127.0.0.1:7080</c>, port 0 for any), routing from
    /// <paramref name="store"/>. <paramref name="options"/> win over the <c>Gateway</c> configuration section;
    /// <paramref name="configure"/> runs last, before the app is built. Throws <see cref="OptionsValidationException"/> for bad settings.
    /// </summary>
    public static WebApplication Build(GatewayOptions options, IDiscoveryStore store, string url, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(url);

        var builder = WebApplication.CreateSlimBuilder();
        // Under systemd (Type=notify): ready once listening, stopping on SIGTERM, logs without ANSI colours.
        builder.Services.AddSystemd();
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = options.InlineScheduling);
        if (options.Transport == GatewayTransport.Epoll && EpollTransport.IsSupported)
        {
            // Kestrel binds with the last transport registered.
            builder.Services.AddSingleton<IConnectionListenerFactory, EpollListenerFactory>();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Plain HTTP never reaches the HTTP pipeline: the connection handler takes each connection straight from the
            // transport. Over TLS it does the same for HTTP/1.1; only HTTP/2 streams run the pipeline (StreamForwarder).
            ListenAddress.Listen(kestrel, url, listen => listen.UseConnectionHandler<GatewayConnectionHandler>());
            if (!string.IsNullOrEmpty(options.HttpsUrl))
            {
                ListenAddress.Listen(kestrel, options.HttpsUrl, HttpsEndpoint.Configure);
            }

            kestrel.AddServerHeader = false;

            // For HTTP/2, whose connections Kestrel keeps: the same limits as the gateway's own HTTP/1.1 sessions.
            // Bodies stream through to instances, as on HTTP/1.1: their size is the app's business.
            kestrel.Limits.KeepAliveTimeout = options.KeepAliveTimeout;
            kestrel.Limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
            kestrel.Limits.MaxRequestBodySize = null;
        });

        // Nothing on the request path logs; this keeps framework chatter out of the way too.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddSingleton(store);
        builder.Services.AddBerthGateway();
        builder.Services.Configure<GatewayOptions>(o => o.CopyFrom(options));
        configure?.Invoke(builder);
        var app = builder.Build();

        // Bad settings surface here as one OptionsValidationException the command line reports in a sentence, not
        // later as the host's failure to start, which it logs with a stack trace.
        app.Services.GetService<IStartupValidator>()?.Validate();
        var streams = app.Services.GetRequiredService<StreamForwarder>();
        app.Run(streams.InvokeAsync);
        return app;
    }

    /// <summary>The plain-HTTP address a started gateway listens on.</summary>
    public static string HttpUrl(WebApplication app) => app.Urls.First(u => u.StartsWith("http:", StringComparison.OrdinalIgnoreCase));

    /// <summary>The HTTPS address a started gateway listens on; null without one.</summary>
    public static string? HttpsUrl(WebApplication app) => app.Urls.FirstOrDefault(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase));
}
