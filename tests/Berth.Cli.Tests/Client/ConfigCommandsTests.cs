using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class ConfigCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Ls_WithASecret_MasksIt()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/config", () => Results.Json(new
            {
                index = 7,
                entries = new object[]
                {
                    new { key = "COLOR", value = "blue", secret = false, index = 5 },
                    new { key = "TOKEN", value = (string?)null, secret = true, index = 6 },
                },
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "config", "ls", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("COLOR   blue", result.Out);
        Assert.Contains("TOKEN   (secret)", result.Out);
    }

    [Fact]
    public async Task Set_Secret_SendsValueAndSecretFlag()
    {
        JsonElement sent = default;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/apps/web/config/TOKEN", async (HttpRequest request) =>
            {
                sent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                return Results.Json(new { key = "TOKEN", value = (string?)null, secret = true, index = 8 });
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "config", "set", "web", "TOKEN", "s3cret", "--secret", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("s3cret", sent.GetProperty("value").GetString());
        Assert.True(sent.GetProperty("secret").GetBoolean());
    }

    [Fact]
    public async Task Get_MissingKey_PrintsTheReasonAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/config/NOPE", () => Results.Problem("app 'web' has no config key 'NOPE'", statusCode: 404)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "config", "get", "web", "NOPE", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: app 'web' has no config key 'NOPE'", result.Error);
        Assert.Equal("", result.Out);
    }

    public void Dispose() => temp.Dispose();
}
