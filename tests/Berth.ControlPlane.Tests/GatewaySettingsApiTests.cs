using Berth.ControlPlane.Gateway;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Hosting;
using Berth.Hosting;
using Berth.Core.Discovery;
using Berth.Discovery.Gateway;
using Microsoft.Extensions.DependencyInjection;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary>Custom domains, blacklists and traffic policies through the API, applied by the real gateway to real containers.</summary>
public sealed class GatewaySettingsApiTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Domains_AddedToApp_RoutedByHostThenRemoved()
    {
        var tenant = await _berth.TenantAsync("domains");
        var other = await _berth.TenantAsync("rivals");
        var id = await DeployHelloAsync(tenant, "dom", 1);
        var rival = await CreateHelloAppAsync(other, "rival");
        var domain = $"www.{id}.example.com";

        var added = await tenant.PostAsJsonAsync($"/v1/apps/{id}/domains", new { domain = domain.ToUpperInvariant() + "." });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var view = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(domain, view.GetProperty("domain").GetString());
        Assert.Equal($"{id}.localhost", view.GetProperty("target").GetString());
        Assert.Equal("pending", view.GetProperty("status").GetString());
        Assert.Equal("[404]", await TextAsync(_berth.Gateway, domain));
        var proof = view.GetProperty("verification");
        _berth.Dns.Set(proof.GetProperty("name").GetString()!, proof.GetProperty("value").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsync($"/v1/apps/{id}/domains/{domain}/verify", null)).StatusCode);

        await EventuallyAsync(async () => (await TextAsync(_berth.Gateway, domain)).StartsWith("hello v1 from ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.StartsWith("hello v1 from ", await TextAsync(_berth.Gateway, $"{domain}:7080"));
        Assert.Equal([domain], (await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/domains"))!.Select(d => d.GetProperty("domain").GetString()));

        Assert.Contains("already belongs", await ProblemAsync(await other.PostAsJsonAsync($"/v1/apps/{rival}/domains", new { domain }), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/apps/{id}/domains")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/v1/apps/{id}/domains/{domain}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}/domains/{domain}")).StatusCode);
        await EventuallyAsync(async () => await TextAsync(_berth.Gateway, domain) == "[404]", TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync($"/v1/apps/{rival}/domains", new { domain })).StatusCode);
    }

    [Theory]
    [InlineData("not a domain", "label")]
    [InlineData("*.example.com", "wildcards")]
    [InlineData("localhost", "two labels")]
    [InlineData("shop.localhost", "base domain")]
    [InlineData("192.168.1.1", "not an IP")]
    public async Task Domains_Invalid_400WithReason(string domain, string reason)
    {
        var tenant = await _berth.TenantAsync($"baddomains-{Guid.NewGuid():N}"[..20]);
        var id = await CreateHelloAppAsync(tenant, "baddom");

        Assert.Contains(reason, await ProblemAsync(await tenant.PostAsJsonAsync($"/v1/apps/{id}/domains", new { domain }), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Blacklists_AppAndGlobal_403ForListedClientOnly()
    {
        var tenant = await _berth.TenantAsync("blacklists");
        var blocked = await DeployHelloAsync(tenant, "blocked", 1);
        var open = await DeployHelloAsync(tenant, "open", 1);

        var set = await tenant.PutAsJsonAsync($"/v1/apps/{blocked}/blacklist", new { entries = new[] { "127.0.0.1", "10.0.0.0/8", "2001:db8::/32", "127.0.0.1" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(["127.0.0.1", "10.0.0.0/8", "2001:db8::/32"], (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray().Select(e => e.GetString()));
        await EventuallyAsync(async () => await TextAsync(_berth.Gateway, $"{blocked}.localhost") == "[403]", TimeSpan.FromMinutes(1));
        Assert.StartsWith("hello v1 from ", await TextAsync(_berth.Gateway, $"{open}.localhost"));

        Assert.Contains("did you mean 10.0.0.0/8", await ProblemAsync(await tenant.PutAsJsonAsync($"/v1/apps/{blocked}/blacklist", new { entries = new[] { "10.1.2.3/8" } }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.PutAsJsonAsync("/v1/blacklist", new { entries = new[] { "127.0.0.1" } })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.PutAsJsonAsync("/v1/blacklist", new { entries = new[] { "127.0.0.0/8" } })).StatusCode);
        await EventuallyAsync(async () => await TextAsync(_berth.Gateway, $"{open}.localhost") == "[403]", TimeSpan.FromMinutes(1));
        Assert.Equal(["127.0.0.0/8"], (await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/blacklist")).GetProperty("entries").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.PutAsJsonAsync("/v1/blacklist", new { entries = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.PutAsJsonAsync($"/v1/apps/{blocked}/blacklist", new { entries = Array.Empty<string>() })).StatusCode);
        await EventuallyAsync(async () => (await TextAsync(_berth.Gateway, $"{blocked}.localhost")).StartsWith("hello", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.StartsWith("hello v1 from ", await TextAsync(_berth.Gateway, $"{open}.localhost"));
    }

    [Fact]
    public async Task Traffic_InvalidPolicies_400WithReason()
    {
        var tenant = await _berth.TenantAsync("trafficrules");
        var id = await DeployHelloAsync(tenant, "traffic", 1);

        Assert.Contains("no deployed version v9", await ProblemAsync(await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new Dictionary<string, int> { ["v1"] = 50, ["v9"] = 50 }), HttpStatusCode.BadRequest));
        Assert.Contains("whole number", await ProblemAsync(await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new Dictionary<string, int> { ["v1"] = -1 }), HttpStatusCode.BadRequest));
        Assert.Contains("more than 0", await ProblemAsync(await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new Dictionary<string, int> { ["v1"] = 0 }), HttpStatusCode.BadRequest));
        Assert.Contains("least-requests", await ProblemAsync(await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new { balancing = "random" }), HttpStatusCode.BadRequest));
        Assert.Contains("JSON object", await ProblemAsync(await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new[] { 1 }), HttpStatusCode.BadRequest));

        var set = await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new { balancing = "least-requests" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var view = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/traffic");
        Assert.Equal("least-requests", view.GetProperty("balancing").GetString());
        Assert.Equal("v1", view.GetProperty("activeVersion").GetString());
        Assert.StartsWith("hello v1 from ", await TextAsync(_berth.Gateway, $"{id}.localhost"));
    }

    [Fact]
    public async Task Republish_EmptyDiscovery_SettingsPublishedAgainFromTheStore()
    {
        var tenant = await _berth.TenantAsync("recovery");
        var id = await DeployHelloAsync(tenant, "recover", 1);
        var domain = $"{id}.example.org";
        await _berth.AddDomainAsync(tenant, id, domain);
        Assert.Equal(HttpStatusCode.OK, (await tenant.PutAsJsonAsync($"/v1/apps/{id}/blacklist", new { entries = new[] { "192.0.2.1" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new { v1 = 100 })).StatusCode);
        var discovery = _berth.Server.Services.GetRequiredService<IDiscoveryStore>();
        var published = await SettingsAsync(discovery);

        // What a restart with an empty embedded store looks like to the gateway settings.
        foreach (var key in published.Keys)
        {
            await discovery.DeleteAsync(key, CancellationToken.None);
        }

        await EventuallyAsync(async () => await TextAsync(_berth.Gateway, domain) == "[404]", TimeSpan.FromMinutes(1));
        // What BerthServer does on every start.
        var services = _berth.Server.Services;
        await services.GetRequiredService<GatewaySettingsRepublisher>().RepublishAsync(CancellationToken.None);

        Assert.Equal(published, await SettingsAsync(discovery));
        Assert.Equal("v1", published[GatewayKeys.Active(id)]);
        await EventuallyAsync(async () => (await TextAsync(_berth.Gateway, domain)).StartsWith("hello v1", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task DeleteApp_WithSettings_WithdrawnFromDiscovery()
    {
        var tenant = await _berth.TenantAsync("deleters");
        var id = await DeployHelloAsync(tenant, "gone", 1);
        await _berth.AddDomainAsync(tenant, id, $"{id}.example.net");
        Assert.Equal(HttpStatusCode.OK, (await tenant.PutAsJsonAsync($"/v1/apps/{id}/blacklist", new { entries = new[] { "192.0.2.1" } })).StatusCode);
        var discovery = _berth.Server.Services.GetRequiredService<IDiscoveryStore>();

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}")).StatusCode);

        Assert.DoesNotContain((await SettingsAsync(discovery)).Keys, key => key.EndsWith(id, StringComparison.Ordinal) || key.Contains(id + ".", StringComparison.Ordinal));
    }

    private static async Task<Dictionary<string, string>> SettingsAsync(IDiscoveryStore discovery)
    {
        var settings = new Dictionary<string, string>();
        foreach (var root in GatewayKeys.WatchedRoots)
        {
            foreach (var entry in (await discovery.GetPrefixAsync(root, CancellationToken.None)).Entries)
            {
                settings[entry.Key] = entry.Value;
            }
        }

        return settings;
    }
}
