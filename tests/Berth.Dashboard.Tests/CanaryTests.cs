using Berth.ControlPlane.Tests;
using Berth.Core.Runtime;
using Berth.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>
/// A tenant tries a new version as a canary from the app's page, in headless Chromium against a real Berth with real
/// containers: one canary aborted (v1 untouched), another given 10 % of the traffic in Settings and promoted.
/// </summary>
public sealed class CanaryTests : BrowserTest
{
    private const string AppId = "hello";

    [Fact]
    public async Task Canary_StartedFromTheDeployForm_AbortLeavesV1AndPromoteMakesV2Active()
    {
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, await Tokens.TenantAsync(berth, "canary-testers"));
        await AppSteps.CreateAppAsync(page, AppId);

        // v1 ×2, a rolling update (the default strategy).
        await Expect(page.GetByLabel("Strategy")).ToHaveValueAsync("rolling");
        await AppSteps.SubmitDeployAsync(page, "v1", "2", "rolling");
        await Expect(Instances(page).Filter(new() { HasText = "healthy" })).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(Deployments(page).First).ToContainTextAsync("succeeded", new() { Timeout = 60_000 });
        var v1Containers = await ContainerIdsAsync("v1");
        Assert.Equal(2, v1Containers.Count);

        // The API's reasons show next to the field they are about.
        await AppSteps.SubmitDeployAsync(page, "v1", "1", "canary");
        await Expect(page.Locator("#deploy-strategy-error")).ToContainTextAsync("a canary must be another version");
        await Expect(page.GetByLabel("Strategy")).ToHaveAttributeAsync("aria-invalid", "true");
        await AppSteps.SubmitDeployAsync(page, "v2", "0", "canary");
        await Expect(page.Locator("#deploy-instances-error")).ToContainTextAsync("instances must be between 1 and");

        // A canary of v2 beside v1, then aborted after a second thought: v1's containers are the same ones, v2 is gone.
        await StartCanaryAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Abort", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(Canary(page)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abort", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Abort the canary v2?")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, abort v2" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Canary(page)).ToHaveCountAsync(0);
        await Expect(Instances(page)).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-test=active-version]")).ToHaveTextAsync("v1");
        Assert.Empty(await ContainerIdsAsync("v2"));
        Assert.Equal(v1Containers, await ContainerIdsAsync("v1"));

        // Another canary of v2, sent 10 % of the requests from the Settings tab, then promoted.
        await StartCanaryAsync(page);
        await Expect(page.Locator("[data-test=canary-share]")).ToHaveTextAsync("0 %");
        await page.GetByRole(AriaRole.Link, new() { Name = "Canary weights in Settings" }).ClickAsync();
        await page.GetByLabel("Weights", new() { Exact = true }).FillAsync("v1=90, v2=10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save weights" }).ClickAsync();
        await Expect(page.Locator("[data-test=split]")).ToHaveTextAsync("v1: 90, v2: 10");
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Expect(page.Locator("[data-test=canary-share]")).ToHaveTextAsync("10 %");
        await Screenshots.SaveAsync(page, "canary");

        await page.GetByRole(AriaRole.Button, new() { Name = "Promote v2" }).ClickAsync();
        await Expect(page.Locator("[data-test=active-version]")).ToHaveTextAsync("v2", new() { Timeout = 60_000 });
        await Expect(Canary(page)).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(Instances(page).Filter(new() { HasText = "v2" })).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(Instances(page)).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(Deployments(page).First).ToContainTextAsync("succeeded", new() { Timeout = 60_000 });
        Assert.Empty(await ContainerIdsAsync("v1"));
        Assert.Equal(2, (await ContainerIdsAsync("v2")).Count);
    }

    private static ILocator Instances(IPage page) => page.Locator("[data-test=instances] tbody tr[data-instance]");

    private static ILocator Deployments(IPage page) => page.Locator("[data-test=deployments] tbody tr[data-deployment]");

    private static ILocator Canary(IPage page) => page.Locator("[data-test=canary]");

    /// <summary>Starts a canary of v2 ×1 and waits until it serves beside both v1 instances.</summary>
    private static async Task StartCanaryAsync(IPage page)
    {
        await AppSteps.SubmitDeployAsync(page, "v2", "1", "canary");
        await Expect(Deployments(page).First).ToHaveAttributeAsync("data-strategy", "canary");
        await Expect(Deployments(page).First).ToContainTextAsync("succeeded", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-test=canary-version]")).ToHaveTextAsync("v2");
        await Expect(page.Locator("[data-test=canary-instances]")).ToHaveTextAsync("1 of 1 running");
        await Expect(Instances(page).Filter(new() { HasText = "v1" })).ToHaveCountAsync(2);
        await Expect(Instances(page).Filter(new() { HasText = "v2" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-test=active-version]")).ToHaveTextAsync("v1");
    }

    private async Task<IReadOnlyList<string>> ContainerIdsAsync(string version) =>
        (await berth.ContainersOfAsync(AppId)).Where(c => c.Labels[BerthLabels.Version] == version).Select(c => c.Id).Order().ToList();
}
