using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>API tokens: several per tenant, scoped, listed without their secrets, revocable.</summary>
public sealed class ApiTokenTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private static async Task<JsonElement> CreateTokenAsync(HttpClient client, string tenant, object body)
    {
        var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/tokens", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
    }

    [Fact]
    public async Task CreateTenant_FirstToken_IsListedWithoutItsSecret()
    {
        var acme = await _berth.TenantAsync("acme");

        var tokens = await acme.GetFromJsonAsync<JsonElement[]>("/v1/tenants/acme/tokens", BerthTestServer.Json);

        var token = Assert.Single(tokens!);
        Assert.Equal("tenant", token.GetProperty("scope").GetString());
        Assert.False(token.TryGetProperty("token", out _));
        Assert.DoesNotContain(SecurityClients.TokenOf(acme), token.ToString());
    }

    [Fact]
    public async Task CreateToken_Own_WorksAndIsRandom()
    {
        var acme = await _berth.TenantAsync("acme");

        var first = await CreateTokenAsync(acme, "acme", new { description = "ci" });
        var second = await CreateTokenAsync(acme, "acme", new { });

        var secret = first.GetProperty("token").GetString()!;
        Assert.NotEqual(secret, second.GetProperty("token").GetString());
        Assert.True(secret.Length >= 40, "at least 128 random bits");
        Assert.Equal("ci", first.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _berth.Client(secret).GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task RevokeToken_ThenUsed_Is401AndOtherTokensStillWork()
    {
        var acme = await _berth.TenantAsync("acme");
        var extra = await CreateTokenAsync(acme, "acme", new { description = "laptop" });
        var revoked = _berth.Client(extra.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/v1/apps")).StatusCode);

        var delete = await acme.DeleteAsync($"/v1/tenants/acme/tokens/{extra.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync("/v1/apps")).StatusCode);
        var listed = await acme.GetFromJsonAsync<JsonElement[]>("/v1/tenants/acme/tokens", BerthTestServer.Json);
        Assert.NotEqual(JsonValueKind.Null, listed!.Single(t => t.GetProperty("id").GetString() == extra.GetProperty("id").GetString())
            .GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Tokens_OfAnotherTenant_Are404ForTenantAndAllowedForAdmin()
    {
        var acme = await _berth.TenantAsync("acme");
        var globex = await _berth.TenantAsync("globex");
        var acmeToken = (await acme.GetFromJsonAsync<JsonElement[]>("/v1/tenants/acme/tokens", BerthTestServer.Json))![0].GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync("/v1/tenants/acme/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostAsJsonAsync("/v1/tenants/acme/tokens", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.DeleteAsync($"/v1/tenants/acme/tokens/{acmeToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.DeleteAsync($"/v1/tenants/globex/tokens/{acmeToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync("/v1/apps")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.GetAsync("/v1/tenants/acme/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _berth.Admin.DeleteAsync($"/v1/tenants/acme/tokens/{acmeToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await acme.GetAsync("/v1/apps")).StatusCode);
    }

    [Theory]
    [InlineData("acme", "admin", "only the admin tenant")]
    [InlineData("admin", "tenant", "admin or read-only")]
    [InlineData("acme", "root", "scope must be")]
    public async Task CreateToken_ScopeTheTenantMayNotHold_Is400(string tenant, string scope, string reason)
    {
        await _berth.TenantAsync("acme");

        var response = await _berth.Admin.PostAsJsonAsync($"/v1/tenants/{tenant}/tokens", new { scope });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ReadOnlyToken_Reads_ButEveryChangeIs403()
    {
        var acme = await _berth.TenantAsync("acme");
        var id = BerthTestServer.UniqueAppId("ro");
        Assert.Equal(HttpStatusCode.Created, (await acme.PostAsJsonAsync("/v1/apps", new { id })).StatusCode);
        var reader = _berth.Client((await CreateTokenAsync(acme, "acme", new { scope = "read-only" })).GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/apps/{id}")).StatusCode);
        var refused = await reader.DeleteAsync($"/v1/apps/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("read-only", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/v1/apps", new { id = id + "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/v1/tenants/acme/tokens", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync($"/v1/apps/{id}")).StatusCode);
    }

    [Fact]
    public async Task AdminReadOnlyToken_SeesEverything_ChangesNothing()
    {
        var acme = await _berth.TenantAsync("acme");
        var id = BerthTestServer.UniqueAppId("audited");
        Assert.Equal(HttpStatusCode.Created, (await acme.PostAsJsonAsync("/v1/apps", new { id })).StatusCode);
        var auditor = _berth.Client((await CreateTokenAsync(_berth.Admin, "admin", new { scope = "read-only" })).GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/v1/apps/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/v1/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/v1/tenants", new { name = "sneaky" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.DeleteAsync($"/v1/apps/{id}")).StatusCode);
    }
}
