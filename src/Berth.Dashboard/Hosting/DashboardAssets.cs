using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Berth.Dashboard.Hosting;

/// <summary>The dashboard's stylesheet and Blazor's script, embedded in this assembly and served from it.</summary>
internal static class DashboardAssets
{
    /// <summary>Where the dashboard's own files are served.</summary>
    public const string AssetsPath = "/assets";

    public static void Use(IApplicationBuilder app)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(assembly, "Berth.Dashboard.Assets"),
            RequestPath = AssetsPath,
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(assembly, "Berth.Dashboard.Framework"),
            RequestPath = "/_framework",
            // Embedded files carry the assembly's build time; an ETag still lets browsers revalidate cheaply.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
