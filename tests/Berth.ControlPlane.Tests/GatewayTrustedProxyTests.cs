using System.Net;
using System.Net.Http.Json;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary>The gateway settings of <c>berth up</c> (<see cref="Berth.Hosting.BerthServerOptions.Gateway"/>) reach its in-process gateway.</summary>
public sealed class GatewayTrustedProxyTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    // The tests' client connects from loopback: as a trusted proxy, the X-Forwarded-For it sends is believed.
    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(configure: o => o.Gateway.TrustedProxies = ["127.0.0.0/8"]);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Request_BlacklistedClientBehindTrustedProxy_403OthersServed()
    {
        var tenant = await _berth.TenantAsync("proxied");
        var id = await DeployHelloAsync(tenant, "proxied", 1);
        Assert.Equal(HttpStatusCode.OK, (await tenant.PutAsJsonAsync($"/v1/apps/{id}/blacklist", new { entries = new[] { "203.0.113.0/24" } })).StatusCode);

        await EventuallyAsync(async () => await ForwardedAsync(id, "203.0.113.7") == HttpStatusCode.Forbidden, TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Forbidden, await ForwardedAsync(id, "198.51.100.1, 203.0.113.9"));
        Assert.Equal(HttpStatusCode.OK, await ForwardedAsync(id, "198.51.100.1"));
        Assert.StartsWith("hello v1 from ", await TextAsync(_berth.Gateway, $"{id}.localhost"));
    }

    private async Task<HttpStatusCode> ForwardedAsync(string id, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = $"{id}.localhost";
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await _berth.Gateway.SendAsync(request);
        return response.StatusCode;
    }
}
