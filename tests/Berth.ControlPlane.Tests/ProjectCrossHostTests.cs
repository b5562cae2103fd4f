using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// Service names across hosts on real engines: web on this server's engine, kv on engine 1 of scripts/start-engines.sh
/// (advertised on its bridge address 172.31.1.1, which containers of the default engine reach). web's
/// <c>http://kv:8080</c> is written as kv's published address; a redeploy of kv rolls web onto kv's new address; another
/// tenant's project on web's host does not resolve the name.
/// </summary>
public sealed class ProjectCrossHostTests : IAsyncLifetime
{
    private const string Compose = """
        x-small: &small
          deploy:
            resources:
              limits:
                memory: 32m
                cpus: "0.1"
        services:
          web:
            <<: *small
            image: hello:v1
            ports: ["8080:8080"]
            environment:
              UPSTREAM: http://kv:8080/value
            command:
              - sh
              - -c
              - |
                mkdir -p /www/cgi-bin
                printf '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\necho "web($$(wget -q -O- $$UPSTREAM))"\n' > /www/cgi-bin/value
                busybox chmod 755 /www/cgi-bin/value
                exec httpd -f -p 8080 -h /www
            depends_on:
              kv:
                condition: service_healthy
            x-berth:
              constraints: ["labels.zone == near"]
          kv:
            <<: *small
            image: hello:v1
            expose: ["8080"]
            environment:
              VALUE: "42"
            command: ["sh", "-c", "echo $$VALUE > /www/value && exec httpd -f -p 8080 -h /www"]
            x-berth:
              constraints: ["labels.zone == far"]
        """;

    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 20);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Project_ServicesOnTwoHosts_ReachEachOtherByNameAndFollowARedeploy()
    {
        var labelled = await _berth.Admin.PatchAsJsonAsync($"/v1/hosts/{_berth.Options.LocalHostName}", new { labels = new Dictionary<string, string> { ["zone"] = "near" } });
        Assert.True(labelled.IsSuccessStatusCode, await labelled.Content.ReadAsStringAsync());
        await TestEngines.AddEngine1Async(_berth, "far", new() { ["zone"] = "far" }, advertiseIp: "172.31.1.1");
        var acme = await _berth.TenantAsync("acme");
        var globex = await _berth.TenantAsync("globex");
        var (name, other) = ("xh" + Guid.NewGuid().ToString("N")[..6], "peek" + Guid.NewGuid().ToString("N")[..6]);

        var first = await DeployAsync(acme, name, Compose);
        Assert.Equal("running", first.GetProperty("state").GetString());
        Assert.Equal([_berth.Options.LocalHostName], await HostsAsync(acme, $"{name}-web"));
        Assert.Equal(["far"], await HostsAsync(acme, $"{name}-kv"));
        Assert.Equal("web(42)", await ValueAsync($"{name}-web"));

        var second = await DeployAsync(acme, name, Compose.Replace("VALUE: \"42\"", "VALUE: \"43\""));
        Assert.Equal("running", second.GetProperty("state").GetString());
        Assert.Contains("1 of 2 service(s) changed, 1 rolled for the new addresses", second.GetProperty("reason").GetString());
        Assert.Equal("web(43)", await ValueAsync($"{name}-web"));

        Assert.Equal("running", (await DeployAsync(globex, other, "services:\n  probe:\n    image: hello:v1\n    expose: [8080]\n    x-berth:\n      constraints: [\"labels.zone == near\"]\n")).GetProperty("state").GetString());
        var outsider = (await _berth.ContainersOfAsync($"{other}-probe"))[0].Id;
        Assert.Equal("", await DockerCli.RunAsync(null, "exec", outsider, "sh", "-c",
            "busybox nslookup -type=a kv | busybox sed -n 's/^Address: //p' | busybox grep -v ':53$'; true"));

        Assert.Equal(HttpStatusCode.NoContent, (await globex.DeleteAsync($"/v1/projects/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
    }

    private async Task<string> ValueAsync(string app) =>
        (await (await _berth.ThroughGatewayAsync(app, "/cgi-bin/value")).Content.ReadAsStringAsync()).Trim();

    private static async Task<string[]> HostsAsync(HttpClient client, string app) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/instances", BerthTestServer.Json) ?? [])
            .Where(i => i.GetProperty("state").GetString() == "running")
            .Select(i => i.GetProperty("host").GetString()!)];

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
