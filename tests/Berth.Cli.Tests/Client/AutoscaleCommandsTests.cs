using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class AutoscaleCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Set_RequestsTarget_SendsThePolicyAndPrintsIt()
    {
        JsonElement sent = default;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/apps/web/autoscale", async (HttpRequest request) =>
            {
                sent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                return Results.Json(new { appId = "web", min = 0, max = 10, target = new { requestsPerSecondPerInstance = 50 }, idleSeconds = 120, sleeping = false, updatedAt = DateTimeOffset.UnixEpoch });
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "autoscale", "set", "web", "--min", "0", "--max", "10", "--rps", "50", "--idle", "2m", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, sent.GetProperty("min").GetInt32());
        Assert.Equal(50, sent.GetProperty("target").GetProperty("requestsPerSecondPerInstance").GetDouble());
        Assert.Equal(120, sent.GetProperty("idleSeconds").GetInt32());
        Assert.Equal(["web: 0-10 instances, target 50 requests/s per instance", "  sleeps after 120 s without a request"], result.Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Set_IdleNotADuration_SaysWhatItTakesAndFails()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "autoscale", "set", "web", "--min", "0", "--max", "3", "--rps", "5", "--idle", "soon", "--url", "http://127.0.0.1:9");

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
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "autoscale", "set", "web", "--min", "1", "--max", "3", "--cpu", "60", "--p99", "200", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Give exactly one target: --rps, --cpu or --p99." + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Show_SleepingApp_SaysItSleeps()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/autoscale", () =>
                Results.Json(new { appId = "web", min = 0, max = 2, target = new { p99Ms = 200 }, idleSeconds = 300, sleeping = true, updatedAt = DateTimeOffset.UnixEpoch })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "autoscale", "show", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["web: 0-2 instances, target p99 200 ms", "  sleeps after 300 s without a request; sleeping now"], result.Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Off_NoPolicy_PrintsTheReasonAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapDelete("/v1/apps/web/autoscale", () => Results.Problem("app 'web' has no autoscale policy", statusCode: 404, title: "Not found")));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "autoscale", "off", "web", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: app 'web' has no autoscale policy" + Environment.NewLine, result.Error);
    }

    public void Dispose() => temp.Dispose();
}
