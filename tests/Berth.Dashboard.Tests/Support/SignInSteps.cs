using Microsoft.Playwright;

namespace Berth.Dashboard.Tests.Support;

/// <summary>What a person does to sign in.</summary>
public static class SignInSteps
{
    /// <summary>Opens the sign-in page, pastes the token and submits.</summary>
    public static async Task SubmitTokenAsync(IPage page, string token)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in and waits for the apps list.</summary>
    public static async Task SignInAsync(IPage page, string token)
    {
        await SubmitTokenAsync(page, token);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Apps", Level = 1 })).ToBeVisibleAsync();
    }
}
