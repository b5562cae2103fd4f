using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>Every call that tries to change something is in the audit log, which only the admin reads.</summary>
public sealed class AuditTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private async Task<JsonElement[]> AuditAsync(string query = "") =>
        (await _berth.Admin.GetFromJsonAsync<JsonElement[]>($"/v1/audit{query}", BerthTestServer.Json))!;

    [Fact]
    public async Task MutatingCalls_AllowedOrNot_AreRecordedWithWhoWhatWhenAndResult()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var acme = await _berth.TenantAsync("acme");
        var id = BerthTestServer.UniqueAppId("aud");
        await acme.PostAsJsonAsync("/v1/apps", new { id });
        await acme.GetAsync($"/v1/apps/{id}");
        await acme.PostAsJsonAsync("/v1/tenants", new { name = "nope" });
        await _berth.Client(null).DeleteAsync($"/v1/apps/{id}");

        var entries = await AuditAsync();

        var created = entries.Single(e => e.GetProperty("path").GetString() == "/v1/apps" && e.GetProperty("actor").GetString() == "acme");
        Assert.Equal(("POST", 201), (created.GetProperty("method").GetString(), created.GetProperty("status").GetInt32()));
        Assert.False(string.IsNullOrEmpty(created.GetProperty("tokenId").GetString()));
        Assert.Equal("127.0.0.1", created.GetProperty("client").GetString());
        Assert.InRange(created.GetProperty("at").GetDateTimeOffset(), started, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(403, entries.Single(e => e.GetProperty("path").GetString() == "/v1/tenants" && e.GetProperty("actor").GetString() == "acme")
            .GetProperty("status").GetInt32());
        var anonymous = entries.Single(e => e.GetProperty("method").GetString() == "DELETE");
        Assert.Equal((JsonValueKind.Null, 401), (anonymous.GetProperty("actor").ValueKind, anonymous.GetProperty("status").GetInt32()));
        Assert.DoesNotContain(entries, e => e.GetProperty("method").GetString() == "GET");
    }

    [Fact]
    public async Task ConfigGet_Secret_ShownOnlyToTokensThatMayChangeItAndEveryReadAudited()
    {
        var acme = await _berth.TenantAsync("acme");
        var id = BerthTestServer.UniqueAppId("sec");
        (await acme.PostAsJsonAsync("/v1/apps", new { id })).EnsureSuccessStatusCode();
        (await acme.PutAsJsonAsync($"/v1/apps/{id}/config/PASSWORD", new { value = "hunter2", secret = true })).EnsureSuccessStatusCode();
        (await acme.PutAsJsonAsync($"/v1/apps/{id}/config/COLOR", new { value = "blue" })).EnsureSuccessStatusCode();
        var created = await acme.PostAsJsonAsync("/v1/tenants/acme/tokens", new { scope = "read-only" });
        var reader = _berth.Client((await created.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json)).GetProperty("token").GetString());

        var refused = await reader.GetAsync($"/v1/apps/{id}/config/PASSWORD");
        var plain = await reader.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/config/COLOR", BerthTestServer.Json);
        var revealed = await acme.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/config/PASSWORD", BerthTestServer.Json);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("hunter2", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("blue", plain.GetProperty("value").GetString());
        Assert.Equal("hunter2", revealed.GetProperty("value").GetString());
        var reads = (await AuditAsync()).Where(e => e.GetProperty("method").GetString() == "GET").ToArray();
        Assert.Equal([$"/v1/apps/{id}/config/PASSWORD"], reads.Select(e => e.GetProperty("path").GetString()).Distinct());
        Assert.Equal([200, 403], reads.Select(e => e.GetProperty("status").GetInt32()).Order());
    }

    [Fact]
    public async Task AnonymousPosts_ManyFromOneAddress_WriteABoundedNumberOfRows()
    {
        var flooder = SecurityClients.NewLoopbackAddress();
        using var anonymous = SecurityClients.From(flooder, _berth.Server.ApiUrl, null);

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/v1/apps", new { id = $"flood{i}" })).StatusCode);
        }

        var rows = (await AuditAsync("?limit=500")).Count(e => e.GetProperty("client").GetString() == flooder.ToString());
        Assert.InRange(rows, 1, 10);
    }

    [Fact]
    public async Task Audit_Pages_NewestFirstAndByActor()
    {
        var acme = await _berth.TenantAsync("acme");
        for (var i = 0; i < 3; i++)
        {
            await acme.PostAsJsonAsync("/v1/apps", new { id = BerthTestServer.UniqueAppId("page") });
        }

        var first = await AuditAsync("?limit=2");
        var next = await AuditAsync($"?limit=10&before={first[^1].GetProperty("id").GetString()}");
        var acmeOnly = await AuditAsync("?actor=acme");

        Assert.Equal(2, first.Length);
        Assert.True(string.CompareOrdinal(first[0].GetProperty("id").GetString(), first[1].GetProperty("id").GetString()) > 0);
        Assert.Equal(2, next.Length);
        Assert.Equal(3, acmeOnly.Length);
    }

    [Fact]
    public async Task Audit_ByTenant_Is403()
    {
        var acme = await _berth.TenantAsync("acme");

        Assert.Equal(HttpStatusCode.Forbidden, (await acme.GetAsync("/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _berth.Admin.GetAsync("/v1/audit?limit=0")).StatusCode);
    }
}
