using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Bench.Gateway;

/// <summary>The instance every proxy forwards to: Kestrel answering a fixed ~100-byte body.</summary>
internal static class Backend
{
    private static readonly byte[] Body = "Hello from a Berth benchmark backend. This body is about one hundred bytes long, padding it out.\n"u8.ToArray();

    public static async Task<int> RunAsync(string address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{address}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = Body.Length;
            return context.Response.Body.WriteAsync(Body).AsTask();
        });
        await app.RunAsync();
        return 0;
    }
}
