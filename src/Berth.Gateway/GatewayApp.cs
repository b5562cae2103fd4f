using Berth.Core.Discovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Gateway;

/// <summary>Builds the gateway host: Kestrel on one URL, routing every request by Host to the app's instances.</summary>
public static class GatewayApp
{
    /// <summary>
    /// A gateway listening on <paramref name="url"/> (e.g. <c>http://127.0.0.1:7080</c>, port 0 for any), routing from
    /// <paramref name="store"/>. <paramref name="options"/> win over the <c>Gateway</c> configuration section;
    /// <paramref name="configure"/> runs last, before the app is built.
    /// </summary>
    public static WebApplication Build(GatewayOptions options, IDiscoveryStore store, string url, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(url);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Per-request logging is the largest single cost measured on the proxy path; YARP logs every request at Information.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);

        builder.Services.AddSingleton(store);
        builder.Services.AddBerthGateway();
        builder.Services.Configure<GatewayOptions>(o =>
        {
            o.BaseDomain = options.BaseDomain;
            o.WatchRetryDelay = options.WatchRetryDelay;
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.RunBerthGateway();
        return app;
    }

    /// <summary>Ends the pipeline with the gateway's handler; call after <c>AddBerthGateway</c>.</summary>
    public static void RunBerthGateway(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Run(app.ApplicationServices.GetRequiredService<GatewayRequestHandler>().InvokeAsync);
    }
}
