using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Discovery.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Cli.Tests.Client;

/// <summary><c>berth stats</c> against a real Berth: traffic sent through its gateway to an instance on the local engine.</summary>
public sealed class StatsCommandsTests(StatsServer real) : ServerTest<StatsServer>(real)
{
    /// <summary>How long routing a new app and counting its requests may take (only a failure waits that long).</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stats_HourWindow_TablePerInstanceAndTotal()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");
        CliResult instances = await RunAsync("instances", web, "--json");
        string address = Assert.Single(JsonDocument.Parse(instances.Out).RootElement.EnumerateArray()).GetProperty("address").GetString()!;
        using var gateway = new HttpClient { BaseAddress = new Uri(Server.GatewayUrl!), Timeout = TimeSpan.FromSeconds(10) };
        int ok = await UntilRoutedAsync(gateway, web) + await GetAsync(gateway, web, "/") + await GetAsync(gateway, web, "/");
        Assert.Equal(0, await GetAsync(gateway, web, "/missing"));

        string[] lines = await CountedAsync(web, ok);

        Assert.Equal($"{web} over the last hour, from 1 gateway(s)", lines[0]);
        Assert.Equal(
            ["INSTANCE", "VERSION", "ADDRESS", "REQUESTS", "1XX", "2XX", "3XX", "4XX", "5XX", "IN", "OUT", "P50", "P90", "P99"],
            lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($@"^\S+\s+v1\s+{System.Text.RegularExpressions.Regex.Escape(address)}\s+\d+\s+0\s+{ok}\s+0\s+1\s+\d+\s+\d", lines[2]);
        Assert.Matches($@"^total\s+\d+\s+0\s+{ok}\s+0\s+1\s+\d+\s+[0-9.]+ [KMG]?B\s+[0-9.]+ [KMG]?B\s+[0-9.]+ ms", lines[3]);
    }

    [Fact]
    public async Task Stats_GatewayNotAnswering_WarnsItWasNotCounted()
    {
        string web = await CreateAppAsync();
        string gone = $"gone-{Guid.NewGuid():N}"[..12];
        // As a gateway that died while its member entry still stands (its lease not run out yet): nothing answers there.
        var discovery = Server.Services.GetRequiredService<IDiscoveryStore>();
        await discovery.PutAsync(GatewayKeys.MemberRoot + gone, "http://127.0.0.1:9", TestContext.Current.CancellationToken);
        CliResult result;
        try
        {
            result = await RunAsync("stats", web);
        }
        finally
        {
            // The other tests of the class count the server's own gateway alone.
            await discovery.DeleteAsync(GatewayKeys.MemberRoot + gone, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"{web} over the last minute, from ", result.Out);
        Assert.Equal($"warning: not counted, as they did not answer: {gone}" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Stats_UnknownWindow_UsageError()
    {
        CliResult result = await RunAsync("stats", "web", "--window", "day");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("day", result.Error);
    }

    /// <summary>Asks the gateway for the app until it routes there (the route follows the deployment); returns 1, the request that got through.</summary>
    private static async Task<int> UntilRoutedAsync(HttpClient gateway, string app)
    {
        DateTime deadline = DateTime.UtcNow + Limit;
        while (await GetAsync(gateway, app, "/") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the gateway did not route {app} within {Limit.TotalSeconds} s");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        return 1;
    }

    /// <summary>A GET of the app through the gateway; 1 when it answered 200 with the sample's page, else 0.</summary>
    private static async Task<int> GetAsync(HttpClient gateway, string app, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"{app}.localhost";
        using HttpResponseMessage response = await gateway.SendAsync(request, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode && body.StartsWith("hello v1", StringComparison.Ordinal) ? 1 : 0;
    }

    /// <summary>Runs <c>berth stats APP --window hour</c> until it counts <paramref name="ok"/> 2xx and one 4xx; returns its lines.</summary>
    private async Task<string[]> CountedAsync(string app, int ok)
    {
        DateTime deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            CliResult json = await RunAsync("stats", app, "--window", "hour", "--json");
            Assert.True(json.ExitCode == 0, json.Error);
            JsonElement responses = JsonDocument.Parse(json.Out).RootElement.GetProperty("total").GetProperty("responses");
            if (responses.GetProperty("2xx").GetInt64() >= ok && responses.GetProperty("4xx").GetInt64() >= 1)
            {
                CliResult table = await RunAsync("stats", app, "--window", "hour");
                Assert.True(table.ExitCode == 0, table.Error);
                Assert.Equal("", table.Error);
                return table.Out.TrimEnd().Split(Environment.NewLine);
            }

            Assert.True(DateTime.UtcNow < deadline, $"the stats did not count the requests within {Limit.TotalSeconds} s:\n{json.Out}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
