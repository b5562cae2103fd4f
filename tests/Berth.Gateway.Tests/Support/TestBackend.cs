using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Gateway.Tests.Support;

/// <summary>
/// A real Kestrel app instance on a loopback port: answers its name on any path, echoes the body on <c>/echo</c>,
/// and lists the proxy headers it received on <c>/headers</c>.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestBackend(WebApplication app, string name, string address) => (_app, Name, Address) = (app, name, address);

    public string Name { get; }

    /// <summary><c>127.0.0.1:{port}</c>, the form registered in discovery.</summary>
    public string Address { get; }

    public static async Task<TestBackend> StartAsync(string name, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context => HandleAsync(context, name));
        await app.StartAsync(cancellationToken);
        return new TestBackend(app, name, new Uri(app.Urls.Single()).Authority);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task HandleAsync(HttpContext context, string name)
    {
        context.Response.Headers["X-Backend"] = name;
        switch (context.Request.Path.Value)
        {
            case "/echo":
                context.Response.ContentType = context.Request.ContentType;
                await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
                break;
            case "/headers":
                var lines = new StringBuilder();
                foreach (var header in new[] { "Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host" })
                {
                    lines.Append(header).Append(": ").Append(context.Request.Headers[header].ToString()).Append('\n');
                }

                await context.Response.WriteAsync(lines.ToString(), context.RequestAborted);
                break;
            default:
                await context.Response.WriteAsync(name, context.RequestAborted);
                break;
        }
    }
}
