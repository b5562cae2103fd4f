using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Berth.ControlPlane.Reconciliation;
using Berth.ControlPlane.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// <c>depends_on: {condition: service_completed_successfully}</c> on the real engine: a one-shot service (a migration
/// writing to a named volume) runs to completion before its dependent starts, once, and is never routed or restarted.
/// </summary>
public sealed class ProjectOneShotTests : IAsyncLifetime
{
    private const string Compose = """
        services:
          migrate:
            image: hello:v1
            command: ["sh", "-c", "echo migrated >> /data/log"]
            volumes: ["data:/data"]
          web:
            image: hello:v1
            ports: ["8080:8080"]
            command: ["sh", "-c", "cp /data/log /www/log && exec httpd -f -p 8080 -h /www"]
            volumes: ["data:/data"]
            environment:
              V: "1"
            depends_on:
              migrate:
                condition: service_completed_successfully
        volumes:
          data: {}
        """;

    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 10);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Deploy_OneShotExitsZero_RunsOnceBeforeItsDependentAndIsNeitherRoutedNorRestarted()
    {
        var name = "once" + Guid.NewGuid().ToString("N")[..6];
        var acme = await _berth.TenantAsync("acme");

        var project = await DeployAsync(acme, name, Compose);

        Assert.Equal("running", project.GetProperty("state").GetString());
        // The web copied the log when it started: the migration had run to completion before.
        Assert.Equal("migrated", await LogAsync(name));
        Assert.Equal(["migrate r1", "web r1"], Versions(project));
        Assert.Empty(await _berth.ContainersOfAsync($"{name}-migrate"));
        Assert.NotEqual(HttpStatusCode.OK, (await _berth.ThroughGatewayAsync($"{name}-migrate", "/_ping")).StatusCode);

        await _berth.Server.Services.GetRequiredService<Reconciler>().ReconcileAsync(launch: true, CancellationToken.None);

        Assert.Empty(await _berth.ContainersOfAsync($"{name}-migrate"));
        Assert.Empty(await acme.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{name}-migrate/instances", BerthTestServer.Json) ?? []);
        var events = await acme.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{name}-migrate/events", BerthTestServer.Json) ?? [];
        Assert.Single(events, e => e.GetProperty("type").GetString() == "completed");
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
    }

    [Fact]
    public async Task Deploy_OneShotExitsNonZero_FailsWithItsExitCodeAndTheRunningRevisionStays()
    {
        var name = "once" + Guid.NewGuid().ToString("N")[..6];
        var acme = await _berth.TenantAsync("acme");
        Assert.Equal("running", (await DeployAsync(acme, name, Compose)).GetProperty("state").GetString());

        var broken = Compose.Replace("echo migrated >> /data/log", "echo schema mismatch; exit 3").Replace("V: \"1\"", "V: \"2\"");
        var failed = await DeployAsync(acme, name, broken);

        Assert.Equal("failed", failed.GetProperty("state").GetString());
        var reason = failed.GetProperty("reason").GetString();
        Assert.Contains("service 'migrate': exited with code 3", reason);
        Assert.Contains("schema mismatch", reason);
        Assert.Contains("revision 1 keeps running", reason);
        Assert.Equal(["migrate r1", "web r1"], Versions(failed));
        Assert.Equal("migrated", await LogAsync(name));
        Assert.Empty(await _berth.ContainersOfAsync($"{name}-migrate"));
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
    }

    private async Task<string> LogAsync(string name)
    {
        var response = await _berth.ThroughGatewayAsync($"{name}-web", "/log");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Trim();
    }

    private static string[] Versions(JsonElement project) =>
        [.. project.GetProperty("services").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()} {s.GetProperty("version").GetString()}")];

    private static async Task<JsonElement> DeployAsync(HttpClient client, string name, string yaml)
    {
        var response = await client.PutAsync($"/v1/projects/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ended = await Poll.GetAsync(
            async () => await client.GetFromJsonAsync<JsonElement>($"/v1/projects/{name}", BerthTestServer.Json) is var p
                && p.GetProperty("state").GetString() is "running" or "failed" ? p.GetRawText() : null,
            TimeSpan.FromMinutes(3),
            $"project {name}'s deploy ended");
        return JsonDocument.Parse(ended).RootElement;
    }
}
