using Microsoft.Playwright;

namespace Berth.Dashboard.Tests.Support;

/// <summary>
/// Headless Chromium from Debian (<c>apt-get install chromium</c>), driven by Playwright: Playwright cannot download
/// a browser of its own here, and the flags keep Chromium from reaching for hosts outside this machine.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The laptop-sized viewport the screenshots are taken at.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <summary>A phone-sized viewport.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: run scripts/install.sh (Debian package chromium)");
        // Blazor renders over a circuit: allow for a busy two-core machine running other test projects.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A new tab in a context of its own (its own sessionStorage), at the given base address.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = viewport ?? Desktop });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
