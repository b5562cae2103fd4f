using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class BlacklistCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Set_ForAnApp_SendsEntriesAndPrintsTheList()
    {
        JsonElement sent = default;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/apps/web/blacklist", async (HttpRequest request) =>
            {
                sent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                return Results.Json(new { appId = "web", entries = new[] { "203.0.113.7/32", "10.0.0.0/8" } });
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "blacklist", "set", "--app", "web", "203.0.113.7", "10.0.0.0/8", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"entries":["203.0.113.7","10.0.0.0/8"]}""", sent.GetRawText());
        Assert.Equal(["The blacklist of web:", "  203.0.113.7/32", "  10.0.0.0/8"], result.Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Set_GlobalWithoutAdmin_PrintsTheReasonAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/blacklist", () => Results.Problem("this call needs an admin token", statusCode: 403, title: "Forbidden")));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "blacklist", "set", "198.51.100.0/24", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: this call needs an admin token" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Set_NoEntries_UsageError()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "blacklist", "set", "--app", "web", "--url", "http://127.0.0.1:9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CIDR", result.Error);
    }

    [Fact]
    public async Task Show_GlobalEmpty_SaysSo()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/blacklist", () => Results.Json(new { appId = (string?)null, entries = Array.Empty<string>() })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "blacklist", "show", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("The global blacklist (every app) is empty." + Environment.NewLine, result.Out);
    }

    public void Dispose() => temp.Dispose();
}
