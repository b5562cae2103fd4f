using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// A project's service is an app of the tenant like any other: its logs, events, stats, domains and scale work through
/// the apps' API on the real engine and gateway, and a service that publishes no HTTP port gets no route.
/// </summary>
public sealed class ProjectServiceAppTests : IAsyncLifetime
{
    /// <summary>Generous: deploys and routes on a busy shared machine; only a failure waits this long.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 20);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task ProjectService_AppFeatures_LogsEventsStatsDomainsAndScaleWork()
    {
        var name = "feat" + Guid.NewGuid().ToString("N")[..6];
        var (web, worker) = ($"{name}-web", $"{name}-worker");
        var acme = await _berth.TenantAsync("acme");
        // web says something at start (for its log) and serves its name; worker is only exposed to the project.
        var yaml = """
            services:
              web:
                image: hello:v1
                ports: ["8080:8080"]
                command: ["sh", "-c", "echo web is up; echo web > /www/index.html; exec httpd -f -p 8080 -h /www"]
                deploy: {resources: {limits: {memory: 64m}}}
              worker:
                image: hello:v1
                expose: [8080]
                deploy: {resources: {limits: {memory: 64m}}}
            """;
        var accepted = await acme.PutAsync($"/v1/projects/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("running", (await UntilDeployedAsync(acme, name)).GetProperty("state").GetString());

        // Routes: the published service answers through the gateway, the exposed-only one is refused there.
        await EventuallyAsync(async () => (await TextAsync(_berth.Gateway, $"{web}.localhost")).Trim() == "web", Limit);
        Assert.Equal(HttpStatusCode.Forbidden, (await _berth.ThroughGatewayAsync(worker)).StatusCode);

        // Logs: what the service's container printed, tagged with its instance.
        await EventuallyAsync(async () => (await acme.GetStringAsync($"/v1/apps/{web}/logs?tail=20")).Contains("] web is up", StringComparison.Ordinal), Limit);

        // Events: the service's instance started, as an app's does.
        var events = await acme.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{web}/events", BerthTestServer.Json) ?? [];
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "instanceStarted");

        // Stats: the gateway counted the requests sent to it.
        var before = await RequestsAsync(acme, web);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("web", (await TextAsync(_berth.Gateway, $"{web}.localhost")).Trim());
        }

        await EventuallyAsync(async () => await RequestsAsync(acme, web) >= before + 10, Limit);

        // Domains: a verified custom domain routes to the service.
        var domain = $"{name}.example.net";
        await _berth.AddDomainAsync(acme, web, domain);
        await EventuallyAsync(async () => (await TextAsync(_berth.Gateway, domain)).Trim() == "web", Limit);

        // Scale: two instances of the service, both running, and the project shows them.
        var scaled = await BerthTestServer.WaitAsync(acme, await acme.PutAsJsonAsync($"/v1/apps/{web}/scale", new { instances = 2 }));
        Assert.Equal("succeeded", scaled.GetProperty("state").GetString());
        Assert.Equal(2, (await _berth.ContainersOfAsync(web)).Count);
        var project = await acme.GetFromJsonAsync<JsonElement>($"/v1/projects/{name}", BerthTestServer.Json);
        Assert.Equal(2, project.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "web").GetProperty("instances").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await _berth.ThroughGatewayAsync(worker)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
        Assert.Empty(await _berth.ContainersOfAsync(web));
    }

    private static async Task<long> RequestsAsync(HttpClient tenant, string app) =>
        (await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{app}/stats?window=minute", BerthTestServer.Json)).GetProperty("total").GetProperty("requests").GetInt64();

    /// <summary>Follows the project until its deploy ended.</summary>
    private static async Task<JsonElement> UntilDeployedAsync(HttpClient client, string name)
    {
        var deadline = DateTime.UtcNow + Limit + Limit;
        while (true)
        {
            var project = await client.GetFromJsonAsync<JsonElement>($"/v1/projects/{name}", BerthTestServer.Json);
            if (project.GetProperty("state").GetString() is "running" or "failed" || DateTime.UtcNow > deadline)
            {
                return project;
            }

            await Task.Delay(200);
        }
    }
}
