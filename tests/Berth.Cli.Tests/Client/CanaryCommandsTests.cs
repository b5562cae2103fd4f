using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class CanaryCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Deploy_Canary_PostsTheStrategyAndSaysHowToEndIt()
    {
        JsonElement sent = default;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapPost("/v1/apps/web/deployments", async (HttpRequest request) =>
            {
                sent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                return Results.Json(Deployment("c1", "pending", "v2", 1, "canary"), statusCode: 202);
            });
            routes.MapGet("/v1/apps/web/deployments/c1", () => Results.Json(Deployment("c1", "succeeded", "v2", 1, "canary")));
        });

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "deploy", "web", "v2", "--canary", "1", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"version":"v2","instances":1,"strategy":"canary"}""", sent.GetRawText());
        Assert.Contains("Deploying web v2 as a canary with 1 instance(s) (deployment c1)", result.Out);
        Assert.Contains("web v2 runs as a canary with 1 instance(s) beside the active version", result.Out);
        Assert.Contains("'berth promote web' or 'berth abort web'", result.Out);
    }

    [Theory]
    [InlineData("--canary", "1", "--instances", "2", "not both")]
    [InlineData("--canary", "0", "--no-wait", "", "at least 1")]
    public async Task Deploy_CanaryWithBadCounts_UsageError(string a, string b, string c, string d, string message)
    {
        string[] args = ["deploy", "web", "v2", a, b, c, .. d.Length > 0 ? [d] : Array.Empty<string>(), "--url", "http://127.0.0.1:9"];

        CliResult result = await CliRunner.RunAsync(temp.Environment(), args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Promote_AppWithCanary_PromotesItsCanaryDeploymentAndFollows()
    {
        string? promoted = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapGet("/v1/apps/web", () => Results.Json(AppWithCanary("v2")));
            routes.MapGet("/v1/apps/web/deployments", () => Results.Json(new[]
            {
                Deployment("c2", "succeeded", "v2", 1, "canary"),
                Deployment("c1", "succeeded", "v3", 1, "canary"),
                Deployment("d1", "succeeded", "v1", 3, "rolling"),
            }));
            routes.MapPost("/v1/apps/web/deployments/{id}/promote", (string id) =>
            {
                promoted = id;
                return Results.Json(Deployment("p1", "pending", "v2", 3, "rolling"), statusCode: 202);
            });
            routes.MapGet("/v1/apps/web/deployments/p1", () => Results.Json(Deployment("p1", "succeeded", "v2", 3, "rolling")));
        });

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "promote", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("c2", promoted);
        Assert.Contains("Promoting the canary v2 of web to 3 instance(s) (deployment p1)", result.Out);
        Assert.Contains("web v2 is live with 3 instance(s)", result.Out);
    }

    [Fact]
    public async Task Abort_AppWithCanary_PrintsWhatWasRemoved()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapGet("/v1/apps/web", () => Results.Json(AppWithCanary("v2")));
            routes.MapGet("/v1/apps/web/deployments", () => Results.Json(new[] { Deployment("c1", "succeeded", "v2", 1, "canary") }));
            routes.MapPost("/v1/apps/web/deployments/c1/abort", () =>
                Results.Json(Deployment("c1", "succeeded", "v2", 1, "canary", "aborted: 1 canary instance(s) of v2 removed; v1 serves alone")));
        });

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "abort", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Canary v2 of web aborted: 1 canary instance(s) of v2 removed; v1 serves alone" + Environment.NewLine, result.Out);
    }

    [Fact]
    public async Task Abort_NoCanary_SaysHowToStartOneAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web", () => Results.Json(Views.App("web", "v1", instances: 3))));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "abort", "web", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: web runs no canary; start one with 'berth deploy web VERSION --canary N'" + Environment.NewLine, result.Error);
    }

    private static JsonNode AppWithCanary(string version)
    {
        JsonNode app = JsonSerializer.SerializeToNode(Views.App("web", "v1", instances: 3))!;
        app["canaryVersion"] = version;
        app["canaryInstances"] = 1;
        return app;
    }

    private static object Deployment(string id, string state, string version, int instances, string strategy, string? reason = null) => new
    {
        id,
        appId = "web",
        version,
        instances,
        strategy,
        state,
        reason,
        createdAt = DateTimeOffset.UnixEpoch,
        updatedAt = DateTimeOffset.UnixEpoch,
    };

    public void Dispose() => temp.Dispose();
}
