using Berth.ControlPlane.Tests;
using Berth.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>Signing in and out of the dashboard with API tokens, in a real browser against a real Berth.</summary>
public sealed class SignInTests : BrowserTest
{
    [Fact]
    public async Task SignIn_WrongToken_ShowsErrorNextToTokenField()
    {
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);

        await SignInSteps.SubmitTokenAsync(page, "berth_not-a-real-token");

        await Expect(page.Locator("#token-error")).ToContainTextAsync("not valid");
        await Expect(page.GetByLabel("Token")).ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "sign-in-error");
    }

    [Fact]
    public async Task SignIn_TenantToken_StaysSignedInOnReloadUntilSignOut()
    {
        var token = await Tokens.TenantAsync(berth, "acme");
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "sign-in");

        await SignInSteps.SignInAsync(page, token);
        await Expect(page.GetByText("No apps yet")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=who]")).ToHaveTextAsync("acme");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hosts" })).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Apps", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/apps");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_ServerRestartedOnTheSameDataFolder_StaysSignedInOnReload()
    {
        var token = await Tokens.TenantAsync(berth, "acme");
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, token);
        await Expect(page.Locator("[data-test=who]")).ToHaveTextAsync("acme");

        await berth.RestartAsync();
        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Apps", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=who]")).ToHaveTextAsync("acme");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignIn_AdminToken_OffersOperatorPages()
    {
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);

        await SignInSteps.SignInAsync(page, Tokens.Admin(berth));

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Hosts" })).ToBeVisibleAsync();
    }
}
