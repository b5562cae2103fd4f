using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.ControlPlane.Tests.Support;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Scaling;

/// <summary>
/// Host provisioning on the real engine with the reference provisioner (scripts/provision-netns.sh: an engine in a network
/// namespace of its own): a deployment bigger than the engines hold gets a host made for it and succeeds, the host is
/// drained and destroyed once its app is gone, and a provisioner that fails leaves its reason and nothing registered.
/// </summary>
public sealed class HostProvisioningTests : IAsyncDisposable
{
    private static readonly string Provisioner = Path.Combine(RepositoryRoot(), "scripts", "provision-netns.sh");
    private static readonly string Provisioned = Path.Combine(Environment.GetEnvironmentVariable("BERTH_RUN") ?? "/var/tmp/berth", "provisioned");
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    private readonly List<string> _scripts = [];
    private BerthTestServer? _berth;

    public async ValueTask DisposeAsync()
    {
        if (_berth is not null)
        {
            // A test that failed half way leaves no engine behind.
            var left = await Records();
            await _berth.DisposeAsync();
            foreach (var host in left)
            {
                using var destroy = System.Diagnostics.Process.Start(Provisioner, ["destroy", host.Name]);
                await destroy.WaitForExitAsync();
            }
        }
        _scripts.ForEach(File.Delete);
    }

    [Fact]
    public async Task Deploy_BiggerThanTheEngines_ProvisionsAHostServesFromItAndDestroysItOnceEmpty()
    {
        _berth = await StartAsync(Provisioner, engineTimeout: TimeSpan.FromMinutes(2));
        var tenant = await _berth.TenantAsync("provision");
        var id = await BigAppAsync(tenant);

        var posted = await tenant.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v1", instances = 2 });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var deploymentId = (await posted.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json)).GetProperty("id").GetString();
        var shown = await Poll.GetAsync(async () =>
        {
            var d = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/deployments/{deploymentId}", BerthTestServer.Json);
            return d.GetProperty("reason").GetString() is { } r && (r.StartsWith("provisioning a host (", StringComparison.Ordinal) || r.StartsWith("provisioned host pv", StringComparison.Ordinal))
                ? r
                : null;
        }, Limit, "the deployment showing its host being provisioned");
        var deployed = await Poll.GetAsync(async () =>
        {
            var d = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/deployments/{deploymentId}", BerthTestServer.Json);
            return d.GetProperty("state").GetString() is "succeeded" or "failed" ? (object)d : null;
        }, Limit, "the deployment ending") is JsonElement ended ? ended : default;

        Assert.True(deployed.GetProperty("state").GetString() == "succeeded", deployed.GetProperty("reason").GetString());
        Assert.Contains("local: not enough memory", shown, StringComparison.Ordinal);
        var hosts = (await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances", BerthTestServer.Json))!
            .Select(i => i.GetProperty("host").GetString()!).Order().ToList();
        Assert.Equal("local", hosts[0]);
        var made = hosts[1];
        Assert.Matches("^pv[0-9]+$", made);
        var host = await _berth.Admin.GetFromJsonAsync<JsonElement>($"/v1/hosts/{made}", BerthTestServer.Json);
        Assert.Equal("netns", host.GetProperty("labels").GetProperty("provisioner").GetString());
        Assert.Equal([made], (await Records()).Select(r => r.Name));
        // Each step is a host event, and the app's owner sees the ones taken for the app; only the admin reads the hosts'.
        var asked = Assert.Single(await HostEventsAsync("hostRequested"));
        Assert.StartsWith($"asking the provisioner for a host for {id}: ", asked.Message, StringComparison.Ordinal);
        Assert.Contains("local: not enough memory", asked.Message, StringComparison.Ordinal);
        var joined = Assert.Single(await HostEventsAsync("hostProvisioned"));
        Assert.Equal(made, joined.Host);
        Assert.Matches($"^host {made} \\(unix://.*, [0-9]+ MB, [0-9]+ CPU shares\\) joined, provisioned for {id}$", joined.Message);
        var seen = await EventsAsync(tenant, $"/v1/apps/{id}/events");
        Assert.Equal([asked.Message, joined.Message], seen.Where(e => e.Type is "hostRequested" or "hostProvisioned").Select(e => e.Message));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync("/v1/cluster/events")).StatusCode);
        var bodies = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await _berth.ThroughGatewayAsync(id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(2, bodies.Count);

        // One provisioned host at most: another app that fits nowhere is refused, and says why.
        var other = await BigAppAsync(tenant);
        var refused = await BerthTestServer.DeployAsync(tenant, other, "v1", 1);
        Assert.Equal("failed", refused.GetProperty("state").GetString());
        Assert.EndsWith("; no host provisioned: 1 of at most 1 exist (Berth:Provisioning:MaxHosts)", refused.GetProperty("reason").GetString());
        Assert.Contains(await HostEventsAsync("provisionRefused"), e => e.Message == $"no host provisioned for {other}: 1 of at most 1 exist (Berth:Provisioning:MaxHosts)");
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{other}")).StatusCode);

        // The load goes: the empty host is drained, leaves the hosts and is destroyed with its namespace.
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}")).StatusCode);
        await Poll.TrueAsync(async () => (await _berth.Admin.GetAsync($"/v1/hosts/{made}")).StatusCode == HttpStatusCode.NotFound
            && (await Records()).Count == 0, Limit, $"host {made} removed");
        Assert.False(Directory.Exists(Path.Combine(Provisioned, made)), $"{made}'s files are left");
        Assert.False(File.Exists($"/run/netns/bpv-{made[2..]}"), $"{made}'s namespace is left");
        Assert.Matches($"^host {made} empty for [0-9]+ s: drained and removed from the hosts$", Assert.Single(await HostEventsAsync("hostDrained")).Message);
        var destroyed = Assert.Single(await HostEventsAsync("hostDestroyed"));
        Assert.Equal(made, destroyed.Host);
        Assert.Matches($"^host {made} destroyed: empty for [0-9]+ s$", destroyed.Message);
        Assert.Empty(await HostEventsAsync("destroyFailed"));
    }

    [Fact]
    public async Task Deploy_ProvisionerFails_FailsWithItsReasonRegistersNothingAndCoolsDown()
    {
        _berth = await StartAsync(Script("cat >/dev/null\necho 'zone eu-1 has no machines left' >&2\nexit 3"), engineTimeout: TimeSpan.FromMinutes(2), cooldown: TimeSpan.FromHours(1));
        var tenant = await _berth.TenantAsync("provision-fails");
        var id = await BigAppAsync(tenant);

        var deployed = await BerthTestServer.DeployAsync(tenant, id, "v1", 2);

        Assert.Equal("failed", deployed.GetProperty("state").GetString());
        var reason = deployed.GetProperty("reason").GetString();
        Assert.Contains("provisioning a host failed: the provisioner's create failed (exit 3): zone eu-1 has no machines left", reason, StringComparison.Ordinal);
        await AssertNothingRegisteredAsync(id);

        // A failed attempt starts the cooldown too: the next deployment is refused without asking the provisioner.
        var again = await BerthTestServer.DeployAsync(tenant, id, "v1", 2);
        Assert.Equal("failed", again.GetProperty("state").GetString());
        Assert.Matches("; no host provisioned: the last was made [0-9]+ s ago, the cooldown is 3600 s \\(Berth:Provisioning:Cooldown\\)$", again.GetProperty("reason").GetString());
        await AssertNothingRegisteredAsync(id);
        Assert.Equal(
            $"provisioning a host failed: the provisioner's create failed (exit 3): zone eu-1 has no machines left (for {id})",
            Assert.Single(await HostEventsAsync("provisionFailed")).Message);
        Assert.All(await HostEventsAsync("provisionRefused"), e => Assert.Matches($"^no host provisioned for {id}: the last was made [0-9]+ s ago, the cooldown is 3600 s", e.Message));
        var steps = (await EventsAsync(tenant, $"/v1/apps/{id}/events")).Select(e => e.Type).Where(t => t is "hostRequested" or "provisionFailed" or "provisionRefused");
        Assert.Equal(["hostRequested", "provisionFailed", "provisionRefused"], steps.Distinct());
        Assert.Empty(await HostEventsAsync("hostProvisioned"));
    }

    [Fact]
    public async Task Deploy_ProvisionedEngineNeverAnswers_DestroysTheHostAndRegistersNothing()
    {
        // The reference provisioner makes a real host but names an engine socket nobody listens on.
        var broken = Script($"""
            case $1 in
              create) {Provisioner} create | sed 's#/docker.sock"#/nobody.sock"#' ;;
              *) exec {Provisioner} "$@" ;;
            esac
            """);
        _berth = await StartAsync(broken, engineTimeout: TimeSpan.FromSeconds(3));
        var tenant = await _berth.TenantAsync("provision-deaf");
        var id = await BigAppAsync(tenant);

        var deployed = await BerthTestServer.DeployAsync(tenant, id, "v1", 2);

        Assert.Equal("failed", deployed.GetProperty("state").GetString());
        var reason = Regex.Match(deployed.GetProperty("reason").GetString()!, "^provisioning a host failed: the engine of (pv[0-9]+) .* did not answer within 3 s");
        Assert.True(reason.Success, deployed.GetProperty("reason").GetString());
        await AssertNothingRegisteredAsync(id);
        Assert.False(Directory.Exists(Path.Combine(Provisioned, reason.Groups[1].Value)), $"{reason.Groups[1].Value} was not destroyed");
        Assert.StartsWith("provisioning a host failed: the engine of ", Assert.Single(await HostEventsAsync("provisionFailed")).Message, StringComparison.Ordinal);
        var destroyed = Assert.Single(await HostEventsAsync("hostDestroyed"));
        Assert.Equal((reason.Groups[1].Value, $"host {reason.Groups[1].Value} destroyed: it did not join"), (destroyed.Host, destroyed.Message));
    }

    [Fact]
    public async Task Deploy_ProvisionedHostExcludedByTheAppsRules_FailsAndTheHostIsDestroyed()
    {
        _berth = await StartAsync(Provisioner, engineTimeout: TimeSpan.FromMinutes(2));
        var tenant = await _berth.TenantAsync("provision-excluded");
        var id = BerthTestServer.UniqueAppId("picky");
        var created = await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, constraints = new[] { "labels.pool == nowhere" } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var deployed = await BerthTestServer.DeployAsync(tenant, id, "v1", 1);

        Assert.Equal("failed", deployed.GetProperty("state").GetString());
        Assert.Matches("was provisioned for it and takes none of it\\)$", deployed.GetProperty("reason").GetString());
        await Poll.TrueAsync(async () => (await Records()).Count == 0, Limit, "the useless host destroyed");
        await AssertNothingRegisteredAsync(id);
    }

    private async Task AssertNothingRegisteredAsync(string id)
    {
        var hosts = await _berth!.Admin.GetFromJsonAsync<JsonElement[]>("/v1/hosts", BerthTestServer.Json);
        Assert.Equal(["local"], hosts!.Select(h => h.GetProperty("name").GetString()));
        Assert.Empty(await Records());
        Assert.Empty((await _berth.Admin.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances", BerthTestServer.Json))!);
    }

    private static Task<BerthTestServer> StartAsync(string executable, TimeSpan engineTimeout, TimeSpan? cooldown = null) =>
        BerthTestServer.StartAsync(portRangeSize: 10, configure: o =>
        {
            o.Provisioning.Executable = executable;
            o.Provisioning.MaxHosts = 1;
            o.Provisioning.Cooldown = cooldown ?? TimeSpan.Zero;
            o.Provisioning.EmptyHostTime = TimeSpan.FromSeconds(2);
            o.Provisioning.ReapInterval = TimeSpan.FromSeconds(1);
            o.Provisioning.EngineTimeout = engineTimeout;
            // Two instances of more than half this machine's memory each.
            o.DefaultQuota = o.DefaultQuota with { MemoryMb = 1_048_576 };
        });

    /// <summary>An app one instance of which takes more than half of a host: two never fit on one engine.</summary>
    private async Task<string> BigAppAsync(HttpClient tenant)
    {
        var local = await _berth!.Admin.GetFromJsonAsync<JsonElement>("/v1/hosts/local", BerthTestServer.Json);
        var memoryMb = (int)(local.GetProperty("memoryMb").GetInt64() * 0.55);
        var id = BerthTestServer.UniqueAppId("big");
        var created = await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb, cpuShares = 128, drainSeconds = 0 });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>The hosts' events of <paramref name="type"/>, oldest first, as the admin reads them.</summary>
    private async Task<IReadOnlyList<HostEvent>> HostEventsAsync(string type) =>
        (await EventsAsync(_berth!.Admin, "/v1/cluster/events")).Where(e => e.Type == type).ToList();

    private static async Task<IReadOnlyList<HostEvent>> EventsAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement[]>(path, BerthTestServer.Json))!
            .Select(e => new HostEvent(e.GetProperty("type").GetString()!, e.GetProperty("message").GetString()!, e.GetProperty("host").GetString()))
            .ToList();

    private Task<IReadOnlyList<Core.Hosts.ProvisionedHost>> Records() =>
        _berth!.Server.Services.GetRequiredService<IProvisionedHostStore>().ListProvisionedHostsAsync(CancellationToken.None);

    private string Script(string body)
    {
        var path = Path.Combine(Path.GetTempPath(), $"berth-provisioner-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, "#!/bin/bash\nset -o pipefail\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _scripts.Add(path);
        return path;
    }

    private sealed record HostEvent(string Type, string Message, string? Host);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Berth.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Berth.slnx not found above " + AppContext.BaseDirectory);
    }
}
