using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests;
using Berth.ControlPlane.Tests.Support;
using Berth.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>
/// A tenant runs an app from the dashboard alone, in headless Chromium against a real Berth with real containers:
/// create, deploy, watch traffic, scale, roll forward, read its logs, delete. Another tenant sees none of it.
/// </summary>
public sealed class DashboardEndToEndTests : BrowserTest
{
    private const string AppId = "hello";

    [Fact]
    public async Task Dashboard_TenantRunsAnAppFromCreateToDelete_SeesItLiveAndAnotherTenantSeesNothing()
    {
        var acme = await Tokens.TenantAsync(berth, "acme");
        var globex = await Tokens.TenantAsync(berth, "globex");
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, acme);

        // Create.
        await AppSteps.CreateAppAsync(page, AppId);

        // Deploy v1 ×2: both instances come up healthy, the deployment shows as succeeded.
        await DeployAsync(page, "v1", "2");
        await Expect(Instances(page)).ToHaveCountAsync(2);
        await Expect(Instances(page).Filter(new() { HasText = "healthy" })).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-test=deployments] tbody tr").First).ToContainTextAsync("succeeded", new() { Timeout = 60_000 });

        // Traffic through the gateway shows in the app's figures and moves its request chart.
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await berth.ThroughGatewayAsync(AppId)).StatusCode);
        }

        await Expect(page.Locator("[data-test=requests-minute]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(4\\d|[5-9]\\d|\\d{3,})$"), new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-test=rps]")).Not.ToHaveTextAsync("0.0");
        await Expect(page.Locator("[data-test=chart-requests]")).Not.ToHaveAttributeAsync("data-peak", "0", new() { Timeout = 30_000 });

        // Scale to 3.
        await page.GetByLabel("Scale to", new() { Exact = true }).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Scale", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-test=instance-count]")).ToHaveTextAsync("3 of 3 running", new() { Timeout = 60_000 });

        // Roll to v2: every instance ends on v2, and v1 is offered for a rollback.
        await DeployAsync(page, "v2", "");
        await Expect(page.Locator("[data-test=active-version]")).ToHaveTextAsync("v2", new() { Timeout = 60_000 });
        await Expect(Instances(page).Filter(new() { HasText = "v2" })).ToHaveCountAsync(3, new() { Timeout = 60_000 });
        await Expect(Instances(page)).ToHaveCountAsync(3, new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Roll back to v1" })).ToBeEnabledAsync();
        await Screenshots.SaveAsync(page, "app");

        // A line an instance writes shows in the live tail, tagged with the instance.
        await page.GetByRole(AriaRole.Link, new() { Name = "Logs" }).ClickAsync();
        await Expect(page.GetByText("following")).ToBeVisibleAsync();
        var instance = await FirstInstanceAsync(acme);
        await DockerCli.RunAsync(null, "exec", instance.ContainerId, "sh", "-c", "echo 'dashboard tail check' > /proc/1/fd/1");
        await Expect(page.Locator("[data-test=logs]")).ToContainTextAsync($"[{instance.Id}] dashboard tail check");
        await Screenshots.SaveAsync(page, "logs");

        await page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        await Expect(page.Locator("[data-test=events] li").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "events");

        await page.GotoAsync("/");
        await Expect(page.Locator($"tr[data-app={AppId}] [data-test=instances]")).ToHaveTextAsync("3 / 3");
        await Screenshots.SaveAsync(page, "apps");

        // Another tenant, signed in elsewhere, sees none of it, not even by its address.
        var stranger = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(stranger, globex);
        await Expect(stranger.GetByText("No apps yet")).ToBeVisibleAsync();
        await stranger.GotoAsync($"/apps/{AppId}");
        await Expect(stranger.GetByText($"app '{AppId}' was not found")).ToBeVisibleAsync();
        await Expect(stranger.Locator("[data-test=instances]")).ToHaveCountAsync(0);

        // Delete, confirmed by typing the app's name: nothing is left.
        await page.GotoAsync($"/apps/{AppId}");
        var delete = page.GetByRole(AriaRole.Button, new() { Name = $"Delete {AppId}" });
        await Expect(delete).ToBeDisabledAsync();
        await page.GetByLabel($"Type {AppId} to confirm").FillAsync(AppId);
        await page.GetByLabel($"Type {AppId} to confirm").BlurAsync();
        await delete.ClickAsync();
        await Expect(page.GetByText("No apps yet")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Empty(await berth.ContainersOfAsync(AppId));
    }

    private static ILocator Instances(IPage page) => page.Locator("[data-test=instances] tbody tr[data-instance]");

    private static async Task DeployAsync(IPage page, string version, string instances)
    {
        await AppSteps.SubmitDeployAsync(page, version, instances);
        await Expect(page.Locator("[data-test=deployments] tbody tr").First).ToContainTextAsync(version);
    }

    private async Task<(string Id, string ContainerId)> FirstInstanceAsync(string token)
    {
        using var client = new HttpClient { BaseAddress = new Uri(berth.Server.ApiUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var first = (await client.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{AppId}/instances", BerthTestServer.Json))![0];
        return (first.GetProperty("id").GetString()!, first.GetProperty("containerId").GetString()!);
    }
}
