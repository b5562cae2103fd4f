using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// A revision that moves a service's health check to a path the old revision does not serve (and drops the old one),
/// rolled out on the real engine and gateway: new instances are checked on the new path, old ones on the old path
/// until they retire, so no instance is failed and no request through the gateway fails.
/// </summary>
public sealed class ProjectHealthPathTests : IAsyncLifetime
{
    private const string First = """
        services:
          web:
            image: hello:v1
            ports: ["8080:8080"]
            command: ["sh", "-c", "echo one > /www/v && exec httpd -f -p 8080 -h /www"]
            healthcheck:
              test: ["CMD", "wget", "-q", "-O-", "http://localhost:8080/_ping"]
              interval: 1s
              timeout: 1s
              retries: 1
              start_period: 1s
            deploy:
              replicas: 2
              resources:
                limits:
                  memory: 32m
        """;

    private static readonly string Second = First
        .Replace("echo one > /www/v", "echo two > /www/v && echo ready > /www/ready && rm /www/_ping")
        .Replace("    deploy:", "    x-berth:\n      health: /ready\n    deploy:");

    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 10);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Deploy_NewHealthPath_NewInstancesCheckedOnItOldOnTheirsAndNoRequestFails()
    {
        var name = "hp" + Guid.NewGuid().ToString("N")[..6];
        var acme = await _berth.TenantAsync("acme");
        Assert.Equal("running", (await DeployAsync(acme, name, First)).GetProperty("state").GetString());
        Assert.Equal("one", await BodyAsync($"{name}-web"));

        var failures = new List<string>();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await _berth.ThroughGatewayAsync($"{name}-web", "/v");
                var body = (await response.Content.ReadAsStringAsync()).Trim();
                if (response.StatusCode != HttpStatusCode.OK || body is not ("one" or "two"))
                {
                    failures.Add($"{(int)response.StatusCode} {body}");
                }
            }
        });
        var second = await DeployAsync(acme, name, Second);
        await stop.CancelAsync();
        await load;

        Assert.Equal("running", second.GetProperty("state").GetString());
        Assert.Empty(failures);
        Assert.Equal("two", await BodyAsync($"{name}-web"));
        var app = await acme.GetFromJsonAsync<JsonElement>($"/v1/apps/{name}-web", BerthTestServer.Json);
        Assert.Equal("/ready", app.GetProperty("healthCheck").GetProperty("path").GetString());
        var events = await acme.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{name}-web/events", BerthTestServer.Json) ?? [];
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() is "unhealthy" or "restarted" or "replaced");
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
    }

    private async Task<string> BodyAsync(string app) =>
        (await (await _berth.ThroughGatewayAsync(app, "/v")).Content.ReadAsStringAsync()).Trim();

    private static async Task<JsonElement> DeployAsync(HttpClient client, string name, string yaml)
    {
        var response = await client.PutAsync($"/v1/projects/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var ended = await Poll.GetAsync(
            async () => await client.GetFromJsonAsync<JsonElement>($"/v1/projects/{name}", BerthTestServer.Json) is var p
                && p.GetProperty("state").GetString() is "running" or "failed" ? p.GetRawText() : null,
            TimeSpan.FromMinutes(3),
            $"project {name}'s deploy ended");
        return JsonDocument.Parse(ended).RootElement;
    }
}
