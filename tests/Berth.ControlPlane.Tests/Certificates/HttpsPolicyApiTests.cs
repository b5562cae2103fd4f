using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Discovery.Gateway;
using Microsoft.Extensions.DependencyInjection;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests.Certificates;

/// <summary>
/// An app's HTTPS policy through the API (<c>/v1/apps/{id}/https</c>): checked, stored, published to discovery and
/// applied by the real gateway (308 to its HTTPS listener), out of other tenants' reach, and withdrawn on DELETE.
/// </summary>
public sealed class HttpsPolicyApiTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(configure: o => o.Gateway.HttpsUrl = "https://127.0.0.1:0");

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Https_SetByOwner_ShownPublishedAndGatewayRedirects()
    {
        var tenant = await _berth.TenantAsync("secure");
        var id = await CreateHelloAppAsync(tenant, "sec");
        using var gateway = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = new Uri(_berth.Server.GatewayUrl!) };

        var set = await tenant.PutAsJsonAsync($"/v1/apps/{id}/https", new { httpsRedirect = true, hstsMaxAge = 600, hstsIncludeSubdomains = true });
        var shown = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/https", BerthTestServer.Json);
        var published = await _berth.Server.Services.GetRequiredService<IDiscoveryStore>().GetPrefixAsync(GatewayKeys.Https(id), CancellationToken.None);
        using var redirected = await PollRedirectAsync(gateway, $"{id}.localhost");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.True(shown.GetProperty("httpsRedirect").GetBoolean());
        Assert.Equal(600, shown.GetProperty("hstsMaxAge").GetInt32());
        Assert.True(shown.GetProperty("hstsIncludeSubdomains").GetBoolean());
        Assert.Contains("\"redirect\":true", Assert.Single(published.Entries).Value);
        Assert.Equal($"https://{id}.localhost:{new Uri(_berth.Server.GatewayHttpsUrl!).Port}/path", redirected.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}/https")).StatusCode);
        await EventuallyAsync(async () => await TextAsync(_berth.Gateway, $"{id}.localhost") == "[503]", TimeSpan.FromSeconds(60));
        Assert.False((await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/https", BerthTestServer.Json)).GetProperty("httpsRedirect").GetBoolean());
    }

    [Fact]
    public async Task Https_BadValuesOrAnotherTenantsApp_400Or404()
    {
        var owner = await _berth.TenantAsync("owner");
        var stranger = await _berth.TenantAsync("stranger");
        var id = await CreateHelloAppAsync(owner, "own");

        Assert.Contains("hstsMaxAge must be", await ProblemAsync(await owner.PutAsJsonAsync($"/v1/apps/{id}/https", new { hstsMaxAge = -1 }), HttpStatusCode.BadRequest));
        Assert.Contains("hstsMaxAge must be", await ProblemAsync(await owner.PutAsJsonAsync($"/v1/apps/{id}/https", new { hstsMaxAge = 100_000_000 }), HttpStatusCode.BadRequest));
        Assert.Contains("needs HSTS on", await ProblemAsync(await owner.PutAsJsonAsync($"/v1/apps/{id}/https", new { hstsIncludeSubdomains = true }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/v1/apps/{id}/https", new { httpsRedirect = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/apps/{id}/https")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/v1/apps/{id}/https")).StatusCode);
        Assert.False((await owner.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/https", BerthTestServer.Json)).GetProperty("httpsRedirect").GetBoolean());
    }

    private static async Task<HttpResponseMessage> PollRedirectAsync(HttpClient gateway, string host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await GetAsync(gateway, host, "/path");
            if (response.StatusCode == HttpStatusCode.PermanentRedirect)
            {
                return response;
            }

            response.Dispose();
            Assert.True(DateTime.UtcNow < deadline, $"{host} was not redirected within a minute");
            await Task.Delay(50);
        }
    }
}
