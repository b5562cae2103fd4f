using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class StatsCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Stats_HourWindow_TablePerInstanceAndTotal()
    {
        string? window = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/stats", (HttpRequest request) =>
            {
                window = request.Query["window"];
                return Results.Json(new
                {
                    appId = "web",
                    window = "hour",
                    gateways = 2,
                    unreachableGateways = new[] { "http://10.0.0.9:7080" },
                    total = Totals(43, 42, 1, 2048, 1_572_864, 0.8, 2.5, 9.75),
                    instances = new object[]
                    {
                        new { instance = "0123456789abcdef", version = "v1", address = "127.0.0.1:25001", traffic = Totals(30, 29, 1, 1024, 786_432, 0.7, 2, 9.75) },
                        new { instance = "fedcba9876543210", version = "v2", address = "127.0.0.1:25002", traffic = Totals(13, 13, 0, 1024, 786_432, 0.9, 2.5, 3) },
                    },
                });
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "stats", "web", "--window", "hour", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hour", window);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal("web over the last hour, from 2 gateway(s)", lines[0]);
        Assert.Equal(
            ["INSTANCE", "VERSION", "ADDRESS", "REQUESTS", "1XX", "2XX", "3XX", "4XX", "5XX", "IN", "OUT", "P50", "P90", "P99"],
            lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            ["0123456789ab", "v1", "127.0.0.1:25001", "30", "0", "29", "0", "1", "0", "1.0", "KB", "768.0", "KB", "0.7", "ms", "2", "ms", "9.75", "ms"],
            lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fedcba987654   v2", lines[3]);
        Assert.Equal(
            ["total", "43", "0", "42", "0", "1", "0", "2.0", "KB", "1.5", "MB", "0.8", "ms", "2.5", "ms", "9.75", "ms"],
            lines[4].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("http://10.0.0.9:7080", result.Error);
    }

    [Fact]
    public async Task Stats_UnknownWindow_UsageError()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "stats", "web", "--window", "day", "--url", "http://127.0.0.1:9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("day", result.Error);
    }

    private static object Totals(long requests, long ok, long clientErrors, long bytesIn, long bytesOut, double p50, double p90, double p99) => new
    {
        requests,
        responses = new Dictionary<string, long> { ["1xx"] = 0, ["2xx"] = ok, ["3xx"] = 0, ["4xx"] = clientErrors, ["5xx"] = 0 },
        bytesIn,
        bytesOut,
        latency = new { p50Ms = p50, p90Ms = p90, p99Ms = p99, meanMs = p50, bucketBoundsMs = new[] { 1.0 }, bucketCounts = new[] { requests, 0 } },
    };

    public void Dispose() => temp.Dispose();
}
