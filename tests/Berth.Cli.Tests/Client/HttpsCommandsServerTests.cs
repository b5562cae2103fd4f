namespace Berth.Cli.Tests.Client;

/// <summary>
/// <c>berth https set|show|clear</c> against a real Berth: the policy set is the one shown, clearing turns it off, and
/// mistakes (a negative max-age, HSTS subdomains without HSTS, an unknown app) are one line and a non-zero exit.
/// </summary>
public sealed class HttpsCommandsServerTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task SetShowClear_App_PolicyShownAsSetThenOff()
    {
        string app = await NewAppAsync();

        CliResult set = await RunAsync("https", "set", app, "--redirect", "--hsts", "31536000", "--hsts-include-subdomains");
        CliResult shown = await RunAsync("https", "show", app);
        CliResult cleared = await RunAsync("https", "clear", app);
        CliResult shownAfter = await RunAsync("https", "show", app);

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.StartsWith($"HTTPS policy of {app} set", set.Out);
        Assert.Equal(Lines("redirect: on (308 to HTTPS)", "hsts: max-age=31536000; includeSubDomains"), shown.Out);
        Assert.True(cleared.ExitCode == 0, cleared.Error);
        Assert.StartsWith($"HTTPS policy of {app} cleared", cleared.Out);
        Assert.Equal(Lines("redirect: off", "hsts: off"), shownAfter.Out);
    }

    [Fact]
    public async Task Set_WhatIsNotGiven_IsOff()
    {
        string app = await NewAppAsync();
        Assert.Equal(0, (await RunAsync("https", "set", app, "--redirect", "--hsts", "600")).ExitCode);

        CliResult set = await RunAsync("https", "set", app, "--hsts", "60");
        CliResult shown = await RunAsync("https", "show", app);

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal(Lines("redirect: off", "hsts: max-age=60"), shown.Out);
    }

    [Fact]
    public async Task Set_NegativeHsts_UsageErrorExit2()
    {
        string app = await NewAppAsync();

        CliResult set = await RunAsync("https", "set", app, "--hsts", "-1");

        Assert.Equal(2, set.ExitCode);
        Assert.Contains("--hsts is a number of seconds, 0 or more", set.Error);
    }

    [Fact]
    public async Task Set_SubdomainsWithoutHsts_ApiReasonExit1()
    {
        string app = await NewAppAsync();

        CliResult set = await RunAsync("https", "set", app, "--hsts-include-subdomains");

        Assert.Equal(1, set.ExitCode);
        Assert.StartsWith("error: ", set.Error);
        Assert.Contains("needs HSTS on", set.Error);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("clear")]
    public async Task Command_UnknownApp_ErrorExit1(string command)
    {
        CliResult result = await RunAsync("https", command, "no-such-app");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("no-such-app", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    private static string Lines(params string[] lines) => string.Concat(lines.Select(line => line + Environment.NewLine));

    private async Task<string> NewAppAsync()
    {
        string app = $"h-{Guid.NewGuid():N}"[..12];
        CliResult created = await RunAsync("apps", "create", app);
        Assert.True(created.ExitCode == 0, created.Error);
        return app;
    }
}
