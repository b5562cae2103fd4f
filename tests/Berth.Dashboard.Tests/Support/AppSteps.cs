using Microsoft.Playwright;

namespace Berth.Dashboard.Tests.Support;

/// <summary>What a person does to create an app and deploy it from the dashboard.</summary>
public static class AppSteps
{
    /// <summary>Creates the app (64 MB, 256 CPU shares) from the apps list and waits for its page.</summary>
    public static async Task CreateAppAsync(IPage page, string appId)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Create app" }).ClickAsync();
        await page.GetByLabel("App id").FillAsync(appId);
        await page.GetByLabel("Memory (MB)").FillAsync("64");
        await page.GetByLabel("CPU shares").FillAsync("256");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create app" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"App {appId}" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Fills the app page's deploy form and submits it; <paramref name="strategy"/> picks one first (its button reads
    /// "Start canary" for a canary), null leaves the form's default.
    /// </summary>
    public static async Task SubmitDeployAsync(IPage page, string version, string instances, string? strategy = null)
    {
        await page.GetByLabel("Version", new() { Exact = true }).FillAsync(version);
        if (strategy is not null)
        {
            await page.GetByLabel("Strategy").SelectOptionAsync(strategy);
        }

        await page.GetByLabel("Instances", new() { Exact = true }).FillAsync(instances);
        await page.GetByRole(AriaRole.Button, new() { Name = strategy == "canary" ? "Start canary" : "Deploy", Exact = true }).ClickAsync();
    }
}
