using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class DeploymentCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Deploy_PendingRunningSucceeded_PrintsEachChangeAndExits0()
    {
        await using FakeBerthApi api = await StartDeploymentApiAsync(
            Views.Deployment("running", "starting 2 instances"),
            Views.Deployment("running", "starting 2 instances"),
            Views.Deployment("succeeded"));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "deploy", "web", "1.0", "--instances", "2", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(
            [
                "Deploying web 1.0 with 2 instance(s) (deployment d1)",
                "  pending",
                "  running: starting 2 instances",
                "  succeeded",
                "web 1.0 is live with 2 instance(s)",
            ],
            result.Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Deploy_Failed_PrintsReasonAndExits1()
    {
        await using FakeBerthApi api = await StartDeploymentApiAsync(
            Views.Deployment("running"),
            Views.Deployment("failed", "image web:1.0 not found"));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "deploy", "web", "1.0", "--instances", "2", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  failed: image web:1.0 not found", result.Out);
        Assert.Equal("error: deployment d1 failed: image web:1.0 not found" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Deploy_NoInstancesOption_KeepsTheAppsCurrentCount()
    {
        int? sentInstances = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapGet("/v1/apps/web", () => Results.Json(Views.App("web", "0.9", instances: 3)));
            routes.MapPost("/v1/apps/web/deployments", async (HttpRequest request) =>
            {
                sentInstances = (await JsonDocument.ParseAsync(request.Body)).RootElement.GetProperty("instances").GetInt32();
                return Results.Json(Views.Deployment("pending", instances: 3), statusCode: 202);
            });
        });

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "deploy", "web", "1.0", "--no-wait", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, sentInstances);
    }

    [Fact]
    public async Task Deploy_NoWait_ReturnsWithoutPolling()
    {
        await using FakeBerthApi api = await StartDeploymentApiAsync();

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "deploy", "web", "1.0", "--instances", "2", "--no-wait", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Accepted", result.Out);
    }

    [Fact]
    public async Task Scale_Succeeds_FollowsTheScaleDeployment()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapPut("/v1/apps/web/scale", () => Results.Json(Views.Deployment("pending", instances: 4), statusCode: 202));
            routes.MapGet("/v1/apps/web/deployments/d1", () => Results.Json(Views.Deployment("succeeded", instances: 4)));
        });

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "scale", "web", "4", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Scaling web to 4 instance(s)", result.Out);
        Assert.Contains("web 1.0 is live with 4 instance(s)", result.Out);
    }

    [Fact]
    public async Task Rollback_Fails_Exits1WithReason()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapPost("/v1/apps/web/rollback", () => Results.Json(Views.Deployment("failed", "no previous version", "0.9"), statusCode: 202));
        });

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "rollback", "web", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Rolling back web to 0.9", result.Out);
        Assert.Contains("no previous version", result.Error);
    }

    // POST answers "pending"; each GET of the deployment answers the next of polls, and a 500 once they run out.
    private static Task<FakeBerthApi> StartDeploymentApiAsync(params object[] polls)
    {
        var remaining = new ConcurrentQueue<object>(polls);
        return FakeBerthApi.StartAsync(routes =>
        {
            routes.MapPost("/v1/apps/web/deployments", () => Results.Json(Views.Deployment("pending"), statusCode: 202));
            routes.MapGet("/v1/apps/web/deployments/d1", () =>
                remaining.TryDequeue(out object? next) ? Results.Json(next) : Results.Problem(detail: "polled too often", statusCode: 500));
        });
    }

    public void Dispose() => temp.Dispose();
}
