namespace Berth.Cli.Tests.Client;

/// <summary>The autoscale commands against a real Berth whose instances run on the local engine (the sample image hello).</summary>
public sealed class AutoscaleCommandsTests(AutoscaleServer real) : ServerTest<AutoscaleServer>(real)
{
    /// <summary>How long an idle app may take to be put to sleep: the leader looks every 10 s (only a failure waits that long).</summary>
    private static readonly TimeSpan SleepLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Set_RequestsTarget_StoresThePolicyAndPrintsIt()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("autoscale", "set", web, "--min", "0", "--max", "10", "--rps", "50", "--idle", "2m");

        Assert.Equal(0, result.ExitCode);
        string[] expected = [$"{web}: 0-10 instances, target 50 requests/s per instance", "  sleeps after 120 s without a request"];
        Assert.Equal(expected, result.Out.TrimEnd().Split(Environment.NewLine));
        Assert.Equal(expected, (await RunAsync("autoscale", "show", web)).Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Set_IdleNotADuration_SaysWhatItTakesAndFails()
    {
        CliResult result = await RunAsync("autoscale", "set", "web", "--min", "0", "--max", "3", "--rps", "5", "--idle", "soon");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--idle takes a duration such as 300s, 5m or 1h, not 'soon'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("300", 300)]
    [InlineData("300s", 300)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    public void IdleDuration_WithOrWithoutUnit_Seconds(string text, int expected)
    {
        Assert.True(Berth.Client.IdleDuration.TryParse(text, out var seconds));
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("-5")]
    [InlineData("5d")]
    [InlineData("s")]
    public void IdleDuration_NotAPositiveDuration_False(string text) => Assert.False(Berth.Client.IdleDuration.TryParse(text, out _));

    [Fact]
    public async Task Set_TwoTargets_SaysWhichToGiveAndFails()
    {
        CliResult result = await RunAsync("autoscale", "set", "web", "--min", "1", "--max", "3", "--cpu", "60", "--p99", "200");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: give exactly one target: --rps, --cpu or --p99" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Show_IdleApp_SaysItSleeps()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");
        Assert.Equal(0, (await RunAsync("autoscale", "set", web, "--min", "0", "--max", "2", "--p99", "200", "--idle", "1s")).ExitCode);

        CliResult result = await SleepingAsync(web);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"{web}: 0-2 instances, target p99 200 ms", "  sleeps after 1 s without a request; sleeping now"], result.Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Off_NoPolicy_PrintsTheReasonAndFails()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("autoscale", "off", web);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: app '{web}' has no autoscale policy" + Environment.NewLine, result.Error);
    }

    /// <summary>Runs <c>berth autoscale show APP</c> until it says the app sleeps.</summary>
    private async Task<CliResult> SleepingAsync(string app)
    {
        DateTime deadline = DateTime.UtcNow + SleepLimit;
        while (true)
        {
            CliResult shown = await RunAsync("autoscale", "show", app);
            if (shown.Out.Contains("sleeping now", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return shown;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
