using Berth.Dashboard.Hosting;
using Berth.Dashboard.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>The dashboard when the API does not answer: a clear banner, no crash.</summary>
public sealed class ApiUnreachableTests : IAsyncLifetime
{
    private WebApplication _dashboard = null!;
    private Chromium _chromium = null!;

    public async ValueTask InitializeAsync()
    {
        // The dashboard alone, pointed at a port where nothing listens: what a person sees while Berth's API is down.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBerthDashboard(o => o.ApiUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/"));
        _dashboard = builder.Build().MapBerthDashboard();
        await _dashboard.StartAsync();
        _chromium = await Chromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_ApiUnreachable_ShowsBannerAndStaysUsable()
    {
        var page = await _chromium.NewPageAsync(_dashboard.Urls.First());

        await SignInSteps.SubmitTokenAsync(page, "berth_anything");

        await Expect(page.Locator("[data-test=api-banner]")).ToContainTextAsync("not answering");
        await Expect(page.Locator("#token-error")).ToContainTextAsync("the API is not answering");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeEnabledAsync();
        await Screenshots.SaveAsync(page, "api-unreachable");
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
