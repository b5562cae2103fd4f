using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Berth.Cli.Tests;

/// <summary>A stand-in for Berth's API on a real Kestrel listener at 127.0.0.1 and a free port; tests map the routes they need.</summary>
internal sealed class FakeBerthApi : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeBerthApi(WebApplication app) => this.app = app;

    public string Url => app.Urls.Single();

    /// <summary>The Authorization header of the last request.</summary>
    public string? LastAuthorization { get; private set; }

    public static async Task<FakeBerthApi> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var api = new FakeBerthApi(app);
        app.Use((context, next) =>
        {
            api.LastAuthorization = context.Request.Headers.Authorization.ToString();
            return next(context);
        });
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return api;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
