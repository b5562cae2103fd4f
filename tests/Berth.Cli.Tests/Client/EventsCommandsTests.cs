using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class EventsCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private static object Event(long sequence, string type, string message, string? instance = "i1", string[]? logs = null) => new
    {
        sequence,
        time = new DateTimeOffset(2026, 11, 25, 12, 0, (int)sequence, TimeSpan.Zero),
        type,
        message,
        instanceId = instance,
        host = "local",
        logs = logs ?? [],
    };

    [Fact]
    public async Task Events_App_PrintsOneLinePerEventWithKeptLogLinesBelow()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/events", () => Results.Json(new[]
            {
                Event(1, "instanceStarted", "started v1 on local"),
                Event(2, "startFailed", "failed to start", "i2", ["fatal: no database"]),
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "events", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  instanceStarted\s+i1\s+started v1 on local$", lines[0]);
        Assert.Contains("startFailed", lines[1]);
        Assert.Equal("    | fatal: no database", lines[2]);
    }

    [Fact]
    public async Task Events_Follow_AsksForEventsAfterTheLastOneUntilTheAppIsGone()
    {
        var queries = new List<string>();
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/events", (HttpRequest request) =>
            {
                queries.Add(request.QueryString.Value ?? "");
                return queries.Count switch
                {
                    1 => Results.Json(new[] { Event(4, "instanceStarted", "started") }),
                    2 => Results.Json(new[] { Event(7, "exited", "its container exited with code 137") }),
                    3 => Results.Json(Array.Empty<object>()),
                    _ => Results.Problem("app 'web' was not found", statusCode: 404),
                };
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "events", "web", "-f", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["", "?after=4&wait=30s", "?after=7&wait=30s", "?after=7&wait=30s"], queries);
        Assert.Contains("its container exited with code 137", result.Out);
        Assert.Equal("error: app 'web' was not found" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Events_Json_PrintsTheApisJson()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/events", () => Results.Text("""[{"sequence":1,"time":"2026-11-25T12:00:00Z","type":"hostDown","message":"m","instanceId":null,"host":"h","logs":[]}]""", "application/json")));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "events", "web", "--json", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("""[{"sequence":1""", result.Out);
    }

    public void Dispose() => temp.Dispose();
}
