using System.Net;
using System.Net.Http.Json;
using Berth.ControlPlane.Tests;
using Berth.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>
/// The app page's autoscaling card, in headless Chromium against a real Berth whose autoscaler evaluates every second:
/// the policy as set through the API, the autoscaler's decisions with the figures they used, and scale to zero — the
/// app asleep with no container, then woken by a request through the gateway.
/// </summary>
public sealed class AutoscaleSectionTests : BrowserTest
{
    private const string AppId = "elastic";
    private static readonly LocatorAssertionsToContainTextOptions Eventually = new() { Timeout = 120_000 };

    public override async ValueTask InitializeAsync()
    {
        berth = await BerthTestServer.StartAsync(configure: o => o.Autoscale.Interval = TimeSpan.FromSeconds(1));
        chromium = await Chromium.LaunchAsync();
    }

    [Fact]
    public async Task AppPage_PolicySetThenIdle_ShowsPolicyDecisionsWithFiguresAndSleep()
    {
        var tenant = await berth.TenantAsync("autoscalers");
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, tenant.DefaultRequestHeaders.Authorization!.Parameter!);
        await AppSteps.CreateAppAsync(page, AppId);
        await AppSteps.SubmitDeployAsync(page, "v1", "1");
        await Expect(page.Locator("[data-test=instances] tbody tr[data-instance]").Filter(new() { HasText = "healthy" })).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await Expect(page.Locator("[data-test=autoscale-off]")).ToBeVisibleAsync();

        // A floor above the running count: the autoscaler scales up at once and names what it saw.
        await PutPolicyAsync(tenant, new { min = 2, max = 3, target = new { requestsPerSecondPerInstance = 50 } });
        await Expect(page.Locator("[data-test=autoscale-bounds]")).ToHaveTextAsync("2 to 3", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-test=autoscale-target]")).ToHaveTextAsync("50 requests/s per instance");
        await Expect(page.Locator("[data-test=autoscale-sleep]")).ToHaveTextAsync("no: at least 2 instance(s) run");
        await Expect(Decisions(page).Filter(new() { HasText = "scaling up from 1 to 2" })).ToContainTextAsync(
            "requests per second per instance 0 against a target of 50 with 1 instance(s) (min 2, max 3)", Eventually);

        // Down to zero after a second without requests: asleep, then woken by one request through the gateway.
        await PutPolicyAsync(tenant, new { min = 0, max = 2, target = new { requestsPerSecondPerInstance = 50 }, idleSeconds = 1 });
        await Expect(page.Locator("[data-test=autoscale-sleep]")).ToContainTextAsync("sleeping: no container runs", Eventually);
        await Expect(Decisions(page).Filter(new() { HasText = "no request for" }).First).ToHaveAttributeAsync("data-type", "slept");
        await Screenshots.SaveAsync(page, "autoscale-sleeping");
        using (var gateway = new HttpClient { BaseAddress = berth.Gateway.BaseAddress, Timeout = TimeSpan.FromMinutes(2) })
        using (var response = await BerthTestServer.ThroughGatewayAsync(gateway, AppId))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Expect(Decisions(page).Filter(new() { HasText = "woken by a request" }).First).ToContainTextAsync("one instance serving after", Eventually);
    }

    private static ILocator Decisions(IPage page) => page.Locator("[data-test=autoscale-decisions] li");

    private static async Task PutPolicyAsync(HttpClient tenant, object policy)
    {
        var put = await tenant.PutAsJsonAsync($"/v1/apps/{AppId}/autoscale", policy);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }
}
