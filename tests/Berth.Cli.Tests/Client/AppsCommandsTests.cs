using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class AppsCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Ls_TwoApps_PrintsAlignedTableWithTheirIds()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps", () => Results.Json(new[] { Views.App("web", "1.2", 3), Views.App("api") })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "ls", "--url", api.Url, "--token", "secret");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ID    TENANT   ACTIVE   PREVIOUS   INSTANCES", lines[0]);
        Assert.StartsWith("web   admin    1.2      -          3", lines[1]);
        Assert.StartsWith("api   admin    -        -          0", lines[2]);
        Assert.Equal("Bearer secret", api.LastAuthorization);
    }

    [Fact]
    public async Task Ls_Json_PrintsTheApiJsonAsIs()
    {
        const string json = """[{"id":"web","tenant":"admin"}]""";
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps", () => Results.Content(json, "application/json")));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "ls", "--json", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(json + Environment.NewLine, result.Out);
    }

    [Fact]
    public async Task Show_App_PrintsItsFields()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/{id}", (string id) => Results.Json(Views.App(id, "2.0", 1))));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "show", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("image:            web", result.Out);
        Assert.Contains("active version:   2.0", result.Out);
        Assert.Contains("health check:     GET /_ping every 5s, timeout 2s, 3 retries", result.Out);
    }

    [Fact]
    public async Task Show_AppNotFound_PrintsProblemDetailOnStderrAndExits1()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/{id}", (string id) => Results.Problem(detail: $"app '{id}' does not exist", statusCode: 404)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "show", "nope", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("error: app 'nope' does not exist" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Rm_App_DeletesItAndSaysSo()
    {
        string? deleted = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapDelete("/v1/apps/{id}", (string id) =>
            {
                deleted = id;
                return Results.NoContent();
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "rm", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("web", deleted);
        Assert.Equal("Removed app web" + Environment.NewLine, result.Out);
    }

    public void Dispose() => temp.Dispose();
}
