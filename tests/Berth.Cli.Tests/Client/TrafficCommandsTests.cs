using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class TrafficCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Set_Weights_SendsThemAndPrintsShares()
    {
        JsonElement sent = default;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/apps/web/traffic", async (HttpRequest request) =>
            {
                sent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                return Results.Json(new { weights = new Dictionary<string, int> { ["v1"] = 90, ["v2"] = 10 }, balancing = "least-requests", activeVersion = "v1" });
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "traffic", "set", "web", "v1=90", "v2=10", "--balancing", "least-requests", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"v1":90,"v2":10,"balancing":"least-requests"}""", sent.GetRawText());
        Assert.Contains("v1 (active)   90       90%", result.Out);
        Assert.Contains("v2            10       10%", result.Out);
        Assert.Contains("balancing: least-requests", result.Out);
    }

    [Theory]
    [InlineData("v1:90", "expected VERSION=WEIGHT")]
    [InlineData("v1=-5", "whole number")]
    [InlineData("v1=ninety", "whole number")]
    public async Task Set_BadWeight_UsageErrorNamingIt(string weight, string message)
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "traffic", "set", "web", weight, "--url", "http://127.0.0.1:9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Set_NothingToSet_UsageError()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "traffic", "set", "web", "--url", "http://127.0.0.1:9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give weights", result.Error);
    }

    [Fact]
    public async Task Show_NoSplit_SaysTheActiveVersionTakesAll()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/traffic", () => Results.Json(new { weights = new Dictionary<string, int>(), balancing = "round-robin", activeVersion = "v3" })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "traffic", "show", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["No split: the active version (v3) takes all traffic.", "balancing: round-robin"], result.Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Clear_Deletes_AndSaysSo()
    {
        var deleted = false;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapDelete("/v1/apps/web/traffic", () =>
            {
                deleted = true;
                return Results.NoContent();
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "traffic", "clear", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.True(deleted);
        Assert.Contains("cleared", result.Out);
    }

    public void Dispose() => temp.Dispose();
}
