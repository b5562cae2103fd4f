using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>A compose project on the real engine and gateway: samples/shop/compose.yaml, web -> api -> kv by service name.</summary>
public sealed class ProjectEndToEndTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 30);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private static string Sample([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "samples", "shop", "compose.yaml"));

    [Fact]
    public async Task Project_DeployChangeOneRollBackDelete_OnlyTheChangedServiceRollsAndNothingIsLeft()
    {
        var name = "shop" + Guid.NewGuid().ToString("N")[..6];
        var acme = await _berth.TenantAsync("acme");
        var globex = await _berth.TenantAsync("globex");

        var first = await DeployAsync(acme, name, Sample());
        Assert.Equal((1, "running"), (first.GetProperty("revision").GetInt32(), first.GetProperty("state").GetString()));
        Assert.Equal("web(api(kv(42)))", await ValueAsync($"{name}-web"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _berth.ThroughGatewayAsync($"{name}-api", "/cgi-bin/value")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"/v1/projects/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await globex.PutAsync($"/v1/projects/{name}", Yaml(Sample()))).StatusCode);

        var changed = Sample().Replace("VALUE: \"42\"", "VALUE: \"43\"");
        var diff = await (await acme.PostAsync($"/v1/projects/{name}/diff", Yaml(changed))).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.Equal(["web unchanged", "api unchanged", "kv changed"], diff.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("service").GetString()} {c.GetProperty("change").GetString()}"));

        var failures = await WhileRequestingAsync($"{name}-web", async () =>
            Assert.Equal("running", (await DeployAsync(acme, name, changed)).GetProperty("state").GetString()));
        Assert.Empty(failures);
        Assert.Equal("web(api(kv(43)))", await ValueAsync($"{name}-web"));
        Assert.Equal(["web r1", "api r1", "kv r2"], await VersionsAsync(acme, name));

        var rollback = await acme.PostAsync($"/v1/projects/{name}/rollback", null);
        Assert.Equal(HttpStatusCode.Accepted, rollback.StatusCode);
        Assert.Equal("running", (await WaitAsync(acme, name)).GetProperty("state").GetString());
        Assert.Equal("web(api(kv(42)))", await ValueAsync($"{name}-web"));
        Assert.Equal(["web r1", "api r1", "kv r3"], await VersionsAsync(acme, name));

        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync($"/v1/projects/{name}")).StatusCode);
        foreach (var service in new[] { "web", "api", "kv" })
        {
            Assert.Empty(await _berth.ContainersOfAsync($"{name}-{service}"));
            Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync($"/v1/apps/{name}-{service}")).StatusCode);
        }
    }

    [Fact]
    public async Task Project_DependencyNeverHealthy_FailsWithTheReasonAndTheRunningRevisionStays()
    {
        var name = "shop" + Guid.NewGuid().ToString("N")[..6];
        var acme = await _berth.TenantAsync("acme");
        Assert.Equal("running", (await DeployAsync(acme, name, Sample())).GetProperty("state").GetString());

        // kv's new revision never serves its health path: a command that only sleeps.
        var broken = Sample().Replace("VALUE: \"42\"", "VALUE: \"43\"\n    command: [\"sleep\", \"600\"]");
        var failed = await DeployAsync(acme, name, broken);

        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains("service 'kv'", failed.GetProperty("reason").GetString());
        Assert.Contains("revision 1 keeps running", failed.GetProperty("reason").GetString());
        Assert.Equal(1, failed.GetProperty("revision").GetInt32());
        Assert.Equal("web(api(kv(42)))", await ValueAsync($"{name}-web"));
        Assert.Equal(["revisionDeployed", "revisionFailed"], (await EventsAsync(acme, name)).Select(e => e.Type));
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
    }

    [Fact]
    public async Task Project_Delete_RemovesItsNamedVolumes()
    {
        var name = "vol" + Guid.NewGuid().ToString("N")[..6];
        var acme = await _berth.TenantAsync("acme");
        var yaml = "services:\n  kv:\n    image: hello:v1\n    expose: [8080]\n    volumes: [\"data:/data\"]\nvolumes:\n  data: {}\n";
        Assert.Equal("running", (await DeployAsync(acme, name, yaml)).GetProperty("state").GetString());
        Assert.Equal($"berth-v-acme.{name}.data", await VolumeAsync($"berth-v-acme.{name}.data"));

        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);

        Assert.Equal("", await VolumeAsync($"berth-v-acme.{name}.data"));
    }

    private static Task<string> VolumeAsync(string volume) =>
        Support.DockerCli.RunAsync(null, "volume", "ls", "-q", "--filter", $"name=^{volume}$");

    [Fact]
    public async Task Project_AllowIgnored_EachIgnoredKeyIsAProjectEvent()
    {
        var name = "ign" + Guid.NewGuid().ToString("N")[..6];
        var acme = await _berth.TenantAsync("acme");
        var globex = await _berth.TenantAsync("globex");
        var yaml = "services:\n  kv:\n    image: hello:v1\n    expose: [8080]\n    restart: always\n";
        Assert.Equal(HttpStatusCode.BadRequest, (await acme.PutAsync($"/v1/projects/{name}", Yaml(yaml))).StatusCode);

        var accepted = await acme.PutAsync($"/v1/projects/{name}?allowIgnored=true", Yaml(yaml));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("running", (await WaitAsync(acme, name)).GetProperty("state").GetString());

        var events = await EventsAsync(acme, name);
        Assert.Equal(["keyIgnored", "revisionDeployed"], events.Select(e => e.Type));
        Assert.Contains("line 5, column 5", events[0].Message);
        Assert.Contains("restart", events[0].Message);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"/v1/projects/{name}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
    }

    private static async Task<(string Type, string Message)[]> EventsAsync(HttpClient client, string name) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>($"/v1/projects/{name}/events", BerthTestServer.Json) ?? [])
            .Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("message").GetString()!))];

    [Fact]
    public async Task Project_UnsupportedKeys_RefusedWith400NamingEachWithLineAndColumn()
    {
        var acme = await _berth.TenantAsync("acme");
        var yaml = "services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    privileged: true\n    network_mode: host\n";

        var response = await acme.PutAsync("/v1/projects/bad", Yaml(yaml));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["5:5 privileged", "6:5 network_mode"], problem.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetInt32()} {e.GetProperty("message").GetString()!.Split('\'')[3]}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await acme.PutAsync("/v1/projects/bad", Yaml("services:\n  web: [\n"))).StatusCode);
    }

    [Fact]
    public async Task Project_OtherTenantsProject_CannotReachItsServicesByNameOrAddress()
    {
        var (name, other) = ("shop" + Guid.NewGuid().ToString("N")[..6], "peek" + Guid.NewGuid().ToString("N")[..6]);
        var acme = await _berth.TenantAsync("acme");
        var globex = await _berth.TenantAsync("globex");
        Assert.Equal("running", (await DeployAsync(acme, name, Sample())).GetProperty("state").GetString());
        Assert.Equal("running", (await DeployAsync(globex, other, "services:\n  kv:\n    image: hello:v1\n    expose: [8080]\n")).GetProperty("state").GetString());
        var web = (await _berth.ContainersOfAsync($"{name}-web"))[0].Id;
        var kv = (await _berth.ContainersOfAsync($"{name}-kv"))[0].Id;
        var outsider = (await _berth.ContainersOfAsync($"{other}-kv"))[0].Id;
        var kvAddress = (await Engine.InspectAsync(kv)).GetProperty("NetworkSettings").GetProperty("Networks").GetProperty($"berth-p-acme.{name}").GetProperty("IPAddress").GetString();

        Assert.Equal("kv(42)", await FetchAsync(web, "kv", "/cgi-bin/value"));
        Assert.Equal("hello v1", (await FetchAsync(outsider, "kv", "/"))?[..8]);
        Assert.Null(await FetchAsync(outsider, kvAddress!, "/cgi-bin/value"));

        Assert.Equal(HttpStatusCode.NoContent, (await globex.DeleteAsync($"/v1/projects/{other}")).StatusCode);
        Assert.Null(await FetchAsync(web, $"{other}-kv", "/"));
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
    }

    /// <summary>
    /// The last line of what a GET of port 8080 from inside the container answers (2 s at most), or null when nothing
    /// answers. busybox's nslookup finds a name and nc asks: the sample's static busybox cannot resolve names itself.
    /// </summary>
    private static async Task<string?> FetchAsync(string containerId, string host, string path)
    {
        var address = System.Net.IPAddress.TryParse(host, out _)
            ? host
            : $"$(busybox nslookup -type=a {host} | busybox sed -n 's/^Address: //p' | busybox tail -n 1)";
        var answer = await Support.DockerCli.RunAsync(
            null, "exec", containerId, "sh", "-c", $"a={address}; [ -n \"$a\" ] && printf 'GET {path} HTTP/1.0\\r\\n\\r\\n' | nc -w 2 $a 8080 | busybox tail -n 1; true");
        return answer.Length == 0 ? null : answer;
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private async Task<string> ValueAsync(string app) =>
        (await (await _berth.ThroughGatewayAsync(app, "/cgi-bin/value")).Content.ReadAsStringAsync()).Trim();

    private static async Task<string[]> VersionsAsync(HttpClient client, string name)
    {
        var project = await client.GetFromJsonAsync<JsonElement>($"/v1/projects/{name}", BerthTestServer.Json);
        return [.. project.GetProperty("services").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()} {s.GetProperty("version").GetString()}")];
    }

    private static async Task<JsonElement> DeployAsync(HttpClient client, string name, string yaml)
    {
        var response = await client.PutAsync($"/v1/projects/{name}", Yaml(yaml));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await WaitAsync(client, name);
    }

    /// <summary>Follows the project until its deploy ended.</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient client, string name)
    {
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

    /// <summary>Runs <paramref name="work"/> while a client keeps requesting the app; returns every failed request.</summary>
    private async Task<List<string>> WhileRequestingAsync(string appId, Func<Task> work)
    {
        var failures = new List<string>();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await _berth.ThroughGatewayAsync(appId, "/cgi-bin/value");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || !body.StartsWith("web(api(kv(4", StringComparison.Ordinal))
                {
                    failures.Add($"{(int)response.StatusCode} {body}");
                }
            }
        });
        await work();
        await stop.CancelAsync();
        await load;
        return failures;
    }
}
