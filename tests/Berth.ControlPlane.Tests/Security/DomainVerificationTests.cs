using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Discovery.Gateway;
using Microsoft.Extensions.DependencyInjection;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// A custom domain routes only once its owner proved it with a TXT record <c>_berth.{domain}</c> (answered by a real
/// DNS server on loopback), and the base domain is the control plane's alone, published for gateways to read.
/// </summary>
public sealed class DomainVerificationTests : IAsyncLifetime
{
    private const string BaseDomain = "apps.berth.test";
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 4, configure: options => options.BaseDomain = BaseDomain);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task AddDomain_SecondTenantBeforeProof_CannotTakeItAndTheOwnerProvesIt()
    {
        var owner = await _berth.TenantAsync("domain-owner");
        var squatter = await _berth.TenantAsync("squatter");
        var ownersApp = await DeployHelloAsync(owner, "owned", 1);
        var squattersApp = await CreateHelloAppAsync(squatter, "squat");
        var domain = $"shop.{ownersApp}.example.com";
        var discovery = _berth.Server.Services.GetRequiredService<IDiscoveryStore>();

        // The squatter is first: its claim is pending and routes nowhere.
        var squat = await ViewAsync(await squatter.PostAsJsonAsync($"/v1/apps/{squattersApp}/domains", new { domain }), HttpStatusCode.Created);
        Assert.Equal("pending", squat.GetProperty("status").GetString());
        Assert.Equal($"_berth.{domain}", squat.GetProperty("verification").GetProperty("name").GetString());
        Assert.Null(await PublishedAsync(discovery, domain));
        Assert.Contains($"no TXT record _berth.{domain}", await ProblemAsync(await VerifyAsync(squatter, squattersApp, domain), HttpStatusCode.Conflict));
        Assert.Null(await PublishedAsync(discovery, domain));

        // The owner's claim is not blocked by the squatter's, and only the owner can put its token in DNS.
        var claim = await ViewAsync(await owner.PostAsJsonAsync($"/v1/apps/{ownersApp}/domains", new { domain }), HttpStatusCode.Created);
        var token = claim.GetProperty("verification").GetProperty("value").GetString()!;
        Assert.NotEqual(squat.GetProperty("verification").GetProperty("value").GetString(), token);
        _berth.Dns.Set($"_berth.{domain}", "v=unrelated", token);
        Assert.Contains("does not hold", await ProblemAsync(await VerifyAsync(squatter, squattersApp, domain), HttpStatusCode.Conflict));

        var verified = await ViewAsync(await VerifyAsync(owner, ownersApp, domain), HttpStatusCode.OK);
        Assert.Equal("verified", verified.GetProperty("status").GetString());
        Assert.Equal(ownersApp, await PublishedAsync(discovery, domain));
        await EventuallyAsync(async () => (await TextAsync(_berth.Gateway, domain)).StartsWith("hello v1 from ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        // The squatter's claim went with the proof, and the domain is the owner's now.
        Assert.Empty((await squatter.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{squattersApp}/domains"))!);
        Assert.Contains("already belongs", await ProblemAsync(await squatter.PostAsJsonAsync($"/v1/apps/{squattersApp}/domains", new { domain }), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.NotFound, (await VerifyAsync(squatter, squattersApp, domain)).StatusCode);
    }

    [Fact]
    public async Task AddDomain_UnderTheBaseDomain_RefusedAndTheBaseDomainIsPublishedForGateways()
    {
        var tenant = await _berth.TenantAsync("base-claimer");
        var app = await CreateHelloAppAsync(tenant, "claimer");

        var refused = await tenant.PostAsJsonAsync($"/v1/apps/{app}/domains", new { domain = $"victim.{BaseDomain}" });

        Assert.Contains($"under the base domain '{BaseDomain}'", await ProblemAsync(refused, HttpStatusCode.BadRequest));
        var discovery = _berth.Server.Services.GetRequiredService<IDiscoveryStore>();
        Assert.Equal(BaseDomain, await GatewaySettingsPublisher.ReadBaseDomainAsync(discovery, CancellationToken.None));
    }

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient tenant, string app, string domain) =>
        tenant.PostAsync($"/v1/apps/{app}/domains/{domain}/verify", null);

    private static async Task<JsonElement> ViewAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string?> PublishedAsync(IDiscoveryStore discovery, string domain) =>
        (await discovery.GetPrefixAsync(GatewayKeys.DomainRoot, CancellationToken.None)).Entries.FirstOrDefault(e => e.Key == GatewayKeys.Domain(domain))?.Value;
}
