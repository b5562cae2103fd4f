using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Berth.ControlPlane.Tests;
using Berth.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>
/// A tenant's project in headless Chromium against a real Berth with real containers: samples/shop deployed through
/// the API, then found under Projects with its services, their state and dependencies, and the project's events.
/// </summary>
public sealed class ProjectPageTests : BrowserTest
{
    private static string Sample([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "samples", "shop", "compose.yaml"));

    [Fact]
    public async Task ProjectPage_DeployedSample_ShowsServicesStateAndDependencies()
    {
        var token = await Tokens.TenantAsync(berth, "project-viewers");
        var tenant = berth.Client(token);
        var accepted = await tenant.PutAsync("/v1/projects/shop", new StringContent(Sample(), Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await UntilRunningAsync(tenant);

        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, token);
        await page.GetByRole(AriaRole.Link, new() { Name = "Projects" }).ClickAsync();
        await page.Locator("[data-test=projects] tr[data-project=shop]").GetByRole(AriaRole.Link, new() { Name = "shop" }).ClickAsync();

        await Expect(page.Locator("[data-test=revision]")).ToHaveTextAsync("1");
        var services = page.Locator("[data-test=services] tbody tr[data-service]");
        await Expect(services).ToHaveCountAsync(3);
        await Expect(page.Locator("tr[data-service=web] [data-test=depends-on]")).ToHaveTextAsync("api (service_healthy)");
        await Expect(page.Locator("tr[data-service=kv] [data-test=depends-on]")).ToHaveTextAsync("—");
        await Expect(page.Locator("tr[data-service=web]")).ToContainTextAsync("gateway, port 8080");
        await Expect(page.Locator("tr[data-service=api]")).ToContainTextAsync("r1");
        await Expect(page.Locator("[data-test=services] [data-test=health]")).ToHaveTextAsync(["healthy", "healthy", "healthy"], new() { Timeout = 30_000 });
        await Expect(page.Locator("tr[data-service=kv] [data-test=running]")).ToHaveTextAsync("1 / 1");
        await Expect(page.Locator("[data-test=events] [data-type=revisionDeployed]")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "project");

        await page.Locator("tr[data-service=api]").GetByRole(AriaRole.Link, new() { Name = "shop-api" }).ClickAsync();
        await Expect(page.Locator("[data-test=active-version]")).ToHaveTextAsync("r1");
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync("/v1/projects/shop")).StatusCode);
    }

    private static async Task UntilRunningAsync(HttpClient tenant)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            var project = await tenant.GetFromJsonAsync<JsonElement>("/v1/projects/shop", BerthTestServer.Json);
            var state = project.GetProperty("state").GetString();
            Assert.NotEqual("failed", state);
            if (state == "running")
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("the project never ran");
    }
}
