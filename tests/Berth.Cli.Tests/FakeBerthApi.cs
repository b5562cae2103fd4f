using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Berth.Cli.Tests;

/// <summary>
/// A stand-in for Berth's API on a real Kestrel listener at 127.0.0.1 and a free port; tests map the routes they need.
/// Only for answers a real Berth cannot be made to give on demand: every other CLI test runs against a real one.
/// </summary>
internal sealed class FakeBerthApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeBerthApi(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public static async Task<FakeBerthApi> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new FakeBerthApi(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
