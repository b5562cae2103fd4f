using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class LogsCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Logs_FollowTailInstance_PassesThemOnAndPrintsTheStreamedLines()
    {
        string? query = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/logs", async (HttpContext context) =>
            {
                query = context.Request.QueryString.Value;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("[i1] first\n");
                await context.Response.Body.FlushAsync();
                await context.Response.WriteAsync("[i1] second\n");
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "logs", "web", "-f", "--tail", "5", "--instance", "i1", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("?follow=true&tail=5&instance=i1", query);
        Assert.Equal(["[i1] first", "[i1] second"], result.Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Logs_UnknownApp_PrintsTheReasonAndExits1()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/nope/logs", () => Results.Problem("app 'nope' was not found", statusCode: 404)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "logs", "nope", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("error: app 'nope' was not found" + Environment.NewLine, result.Error);
    }

    public void Dispose() => temp.Dispose();
}
