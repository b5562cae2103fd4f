using System.Net;
using System.Net.Http.Json;
using Berth.ControlPlane.Tests;
using Berth.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>The app's traffic charts and the hosts' bars, drawn from real traffic through a real gateway to real containers.</summary>
public sealed class ChartsTests : BrowserTest
{
    /// <summary>An app of the sample image with two instances of v1, and its tenant's token.</summary>
    private async Task<(string Id, string Token)> DeployAsync(string tenant)
    {
        var token = await Tokens.TenantAsync(berth, tenant);
        var api = berth.Client(token);
        var id = BerthTestServer.UniqueAppId("charts");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 64, cpuShares = 128, drainSeconds = 0 })).StatusCode);
        var deployment = await BerthTestServer.DeployAsync(api, id, "v1", 2);
        Assert.Equal("succeeded", deployment.GetProperty("state").GetString());
        return (id, token);
    }

    [Fact]
    public async Task AppCharts_TrafficThroughGateway_RequestChartShowsNonZeroPoints()
    {
        var (id, token) = await DeployAsync("charted");
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, token);
        await page.GotoAsync($"/apps/{id}");
        var requests = page.Locator("[data-test=chart-requests]");
        await Expect(requests.GetByRole(AriaRole.Img, new() { Name = "Requests per second (requests/s)" })).ToBeVisibleAsync();
        await Expect(requests).ToHaveAttributeAsync("data-peak", "0");
        var before = await requests.BoundingBoxAsync();

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await berth.ThroughGatewayAsync(id)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await berth.ThroughGatewayAsync(id, "/missing")).StatusCode);

        await Expect(requests).Not.ToHaveAttributeAsync("data-peak", "0");
        await Expect(page.Locator("[data-test=chart-status]")).Not.ToHaveAttributeAsync("data-peak", "0");
        await Expect(page.Locator("[data-test=chart-latency]")).Not.ToHaveAttributeAsync("data-peak", "0");
        await Expect(page.Locator("[data-test=chart-instances] .chart-legend li")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-test=chart-status] .chart-legend")).ToContainTextAsync("4xx");
        await Expect(page.Locator("[data-test=traffic-charts] .charts-note")).ToContainTextAsync("41 requests in the last hour");
        var after = await requests.BoundingBoxAsync();
        Assert.Equal(before!.Height, after!.Height);

        // The text alternative holds the same figures: a recent step counted requests.
        await requests.GetByText("Values as a table").ClickAsync();
        Assert.Contains(await requests.Locator("tbody td").AllInnerTextsAsync(), text => text != "0");
        await Screenshots.SaveAsync(page, "app-charts");

        await page.GetByRole(AriaRole.Button, new() { Name = "Last minute" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Last minute" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(requests.Locator(".chart-x span").Last).ToHaveTextAsync("now");
        await Expect(requests).Not.ToHaveAttributeAsync("data-peak", "0");

        var phone = await chromium.NewPageAsync(berth.Server.ApiUrl, Chromium.Phone);
        await SignInSteps.SignInAsync(phone, token);
        await phone.GotoAsync($"/apps/{id}");
        await Expect(phone.Locator("[data-test=chart-requests]")).Not.ToHaveAttributeAsync("data-peak", "0");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the app page scrolls sideways on a phone");
        await phone.Locator("[data-test=traffic-charts]").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "app-charts-phone.png") });
    }

    [Fact]
    public async Task HostBars_AfterDeploy_ShowWhatInstancesReserved()
    {
        await DeployAsync("reserved");
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, Tokens.Admin(berth));

        await page.GotoAsync("/admin/hosts");

        var host = page.Locator($"[data-host='{berth.Options.LocalHostName}']");
        await Expect(host.Locator("[data-test=bar-memory]")).ToHaveAttributeAsync("data-reserved", "128");
        await Expect(host.Locator("[data-test=bar-cpu]")).ToHaveAttributeAsync("data-reserved", "256");
        await Expect(host.GetByRole(AriaRole.Img, new() { NameRegex = new("^CPU shares: 256 of [0-9,]+ shares reserved") })).ToBeVisibleAsync();
        await Expect(host.Locator("[data-test=host-instances]")).ToHaveTextAsync("2");
    }
}
