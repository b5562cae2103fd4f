using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class AppCreateCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Create_Options_PostsThemWithApiDefaultsForTheRest()
    {
        JsonElement? body = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPost("/v1/apps", async (HttpRequest request) =>
            {
                body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
                return Results.Json(Views.App("web"), statusCode: 201);
            }));

        CliResult result = await CliRunner.RunAsync(
            temp.Environment(),
            "apps", "create", "web", "--port", "9000", "--env", "A=1", "--env", "B=x=y", "--on-failure", "replace", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Created app web", result.Out);
        JsonElement sent = Assert.NotNull(body);
        Assert.Equal("web", sent.GetProperty("id").GetString());
        Assert.Equal(9000, sent.GetProperty("port").GetInt32());
        Assert.Equal(512, sent.GetProperty("memoryMb").GetInt32());
        Assert.Equal("1", sent.GetProperty("env").GetProperty("A").GetString());
        Assert.Equal("x=y", sent.GetProperty("env").GetProperty("B").GetString());
        Assert.Equal("/_ping", sent.GetProperty("healthCheck").GetProperty("path").GetString());
        Assert.Equal("replace", sent.GetProperty("onFailure").GetString());
        Assert.Equal(2, sent.GetProperty("drainSeconds").GetInt32());
    }

    [Fact]
    public async Task Create_EnvWithoutEquals_UsageErrorNamingTheArgument()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "create", "web", "--env", "FOO");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--env expects KEY=VALUE, got 'FOO'", result.Error);
    }

    [Fact]
    public async Task Create_UnknownFailurePolicy_UsageError()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "create", "web", "--on-failure", "ignore");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ignore", result.Error);
    }

    public void Dispose() => temp.Dispose();
}
