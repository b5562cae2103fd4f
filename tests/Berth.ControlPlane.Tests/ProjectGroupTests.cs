using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// <c>x-berth.group</c> on three real engines (this server's own and the two of scripts/start-engines.sh): a group's
/// services are placed on one host as one unit, and a group that fits no host fails the deploy with every host's reason
/// before anything starts.
/// </summary>
public sealed class ProjectGroupTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 20);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private static string Pair(string backValue, string frontRule, string backRule) => $"""
        services:
          front:
            image: hello:v1
            ports: ["8080:8080"]
            deploy:
              replicas: 2
              resources:
                limits:
                  memory: 32m
                  cpus: "0.1"
            x-berth:
              group: pair
              strategy: spread
              constraints: ["{frontRule}"]
          back:
            image: hello:v1
            expose: ["8080"]
            environment:
              VALUE: "{backValue}"
            deploy:
              replicas: 2
              resources:
                limits:
                  memory: 32m
                  cpus: "0.1"
            x-berth:
              group: pair
              constraints: ["{backRule}"]
        """;

    [Fact]
    public async Task Group_OnThreeEngines_PlacedOnOneHostOrRefusedWithEveryHostsReason()
    {
        await TestEngines.AddEngine1Async(_berth, "g1", new() { ["pool"] = "grp", ["zone"] = "a" });
        await TestEngines.AddEngine2Async(_berth, "g2", new() { ["pool"] = "grp", ["zone"] = "b" });
        var acme = await _berth.TenantAsync("acme");
        var (name, split) = ("grp" + Guid.NewGuid().ToString("N")[..6], "split" + Guid.NewGuid().ToString("N")[..6]);

        var first = await DeployAsync(acme, name, Pair("1", "labels.pool == grp", "labels.pool == grp"));
        Assert.Equal("running", first.GetProperty("state").GetString());
        var hosts = (await HostsAsync(acme, $"{name}-front")).Concat(await HostsAsync(acme, $"{name}-back")).ToList();
        Assert.Equal(4, hosts.Count);
        var host = Assert.Single(hosts.Distinct());
        Assert.Contains(host, new[] { "g1", "g2" });

        // Only back changes: its new instances join front on the group's host.
        Assert.Equal("running", (await DeployAsync(acme, name, Pair("2", "labels.pool == grp", "labels.pool == grp"))).GetProperty("state").GetString());
        Assert.Equal([host, host], await HostsAsync(acme, $"{name}-back"));

        // Each member fits a host of its own, but no host takes both.
        var failed = await DeployAsync(acme, split, Pair("1", "labels.zone == a", "labels.zone == b"));
        var reason = failed.GetProperty("reason").GetString()!;
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains("group 'pair' (front, back) fits no host as one unit", reason);
        Assert.Contains("g1: label zone is 'a' (labels.zone == b)", reason);
        Assert.Contains("g2: label zone is 'b' (labels.zone == a)", reason);
        Assert.Contains($"{_berth.Options.LocalHostName}: has no label zone", reason);
        foreach (var service in new[] { "front", "back" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync($"/v1/apps/{split}-{service}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{split}")).StatusCode);
    }

    private static async Task<string[]> HostsAsync(HttpClient client, string app) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/instances", BerthTestServer.Json) ?? [])
            .Where(i => i.GetProperty("state").GetString() == "running")
            .Select(i => i.GetProperty("host").GetString()!)];

    private static async Task<JsonElement> DeployAsync(HttpClient client, string name, string yaml)
    {
        var response = await client.PutAsync($"/v1/projects/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var deadline = DateTime.UtcNow.AddSeconds(180);
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
