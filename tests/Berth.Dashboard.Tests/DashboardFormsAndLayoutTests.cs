using Berth.ControlPlane.Tests;
using Berth.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>The API's validation shown next to the field that caused it, and pages that fit a phone.</summary>
public sealed class DashboardFormsAndLayoutTests : BrowserTest
{
    private string _token = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _token = await Tokens.TenantAsync(berth, "acme");
    }

    [Fact]
    public async Task CreateApp_ValuesTheApiRefuses_ShowsItsMessagesNextToTheFields()
    {
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, _token);
        await page.GotoAsync("/apps/new");

        await page.GetByLabel("App id").FillAsync("Not_A_Label");
        await page.GetByLabel("Memory (MB)").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create app" }).ClickAsync();

        // The API's own words, under the field they are about.
        await Expect(page.Locator("#app-memory-error")).ToHaveTextAsync("must be between 6 and 1048576");
        await Expect(page.Locator("#app-id-error")).ToContainTextAsync("must be a DNS label");
        await Expect(page.GetByLabel("Memory (MB)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#app-cpu-error")).ToBeEmptyAsync();
        await Screenshots.SaveAsync(page, "create-app-errors");
    }

    [Fact]
    public async Task PhoneViewport_MainPages_FitWithoutHorizontalScroll()
    {
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl, Chromium.Phone);
        await page.GotoAsync("/signin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await AssertFitsAsync(page);

        await SignInSteps.SignInAsync(page, _token);
        await page.GetByRole(AriaRole.Link, new() { Name = "Create app" }).ClickAsync();
        await page.GetByLabel("App id").FillAsync("phone-app");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create app" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "App phone-app" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=instances]")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "phone-app");

        foreach (var (path, heading) in new[] { ("/", "Apps"), ("/apps/phone-app/settings", "App phone-app"), ("/apps/phone-app/logs", "App phone-app") })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await AssertFitsAsync(page);
        }

        await page.GotoAsync("/");
        await Expect(page.Locator("tr[data-app=phone-app]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "phone-apps");
    }

    [Fact]
    public async Task Keyboard_SignInAndOpenAnApp_WorksWithoutAMouse()
    {
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await page.GotoAsync("/signin");
        var field = page.GetByLabel("Token");
        for (var attempt = 0; attempt < 3 && await field.InputValueAsync() != _token; attempt++)
        {
            // The page turns interactive a moment after it shows, and may draw the field again then (on a busy machine
            // mid-typing): type again until the field holds the whole token.
            await field.FocusAsync();
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync(_token);
        }

        await Expect(field).ToHaveValueAsync(_token);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Apps", Level = 1 })).ToBeVisibleAsync();

        // Tab reaches the "Create app" link, Enter follows it.
        for (var i = 0; i < 10 && !await page.GetByRole(AriaRole.Link, new() { Name = "Create app" }).EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create app" })).ToBeVisibleAsync();
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} scrolls sideways by {overflow} px on a phone");
    }
}
