using System.Net;
using System.Security.Cryptography.X509Certificates;
using Berth.Core.Gateway;
using Berth.Discovery.Gateway;
using Berth.Gateway.Tests.Support;
using Berth.Gateway.Tls;

namespace Berth.Gateway.Tests.Tls;

/// <summary>
/// An app's HTTPS policy (<c>/caas/https/{app}</c>) at a whole gateway with an HTTPS listener: plain HTTP answered with
/// a 308 to HTTPS (ACME challenges excepted), HSTS added to answers over TLS, in place of the instance's own.
/// </summary>
public abstract class HttpsPolicyTests(GatewayTransport transport) : GatewaySuite(transport), IDisposable
{
    private const string Hsts = "max-age=31536000; includeSubDomains";
    private readonly string _authorityDirectory = Path.Combine(Path.GetTempPath(), "berth-tls-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Request_PlainHttpWithRedirect_308ToSameUrlOverHttps()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        await SetPolicyAsync(gateway, "demo", new HttpsPolicy { Redirect = true });

        using var response = await gateway.GetAsync("demo.localhost:8080", "/orders/7?page=2", Ct);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"https://demo.localhost:{gateway.HttpsAddress!.Port}/orders/7?page=2", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Request_RedirectThenPolicyCleared_ServedOverPlainHttpAgain()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        await SetPolicyAsync(gateway, "demo", new HttpsPolicy { Redirect = true });
        Assert.Equal("[308]", await gateway.GetTextAsync("demo.localhost", "/", Ct));

        await gateway.DeleteAsync(GatewayKeys.Https("demo"), Ct);

        Assert.Equal("one", await gateway.GetTextAsync("demo.localhost", "/", Ct));
    }

    [Fact]
    public async Task Request_AcmeChallengeWithRedirect_NotRedirected()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        await gateway.PutAsync(GatewayKeys.AcmeChallenge("known-token"), "known-token.thumbprint", Ct);
        await SetPolicyAsync(gateway, "demo", new HttpsPolicy { Redirect = true });

        // A token discovery holds is answered by the gateway; any other goes on to the app (its own ACME client).
        var known = await gateway.GetTextAsync("demo.localhost", "/.well-known/acme-challenge/known-token", Ct);
        var other = await gateway.GetTextAsync("demo.localhost", "/.well-known/acme-challenge/apps-own-token", Ct);

        Assert.Equal("known-token.thumbprint", known);
        Assert.Equal("one", other);
    }

    [Fact]
    public async Task Request_OverTlsWithRedirect_ServedNotRedirected()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        await SetPolicyAsync(gateway, "demo", new HttpsPolicy { Redirect = true });
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version11);

        using var response = await client.GetAsync($"https://demo.localhost:{gateway.HttpsAddress!.Port}/headers", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("X-Forwarded-Proto: https\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Request_OverTlsWithHsts_GatewaysHeaderInPlaceOfTheInstances(string version)
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        await SetPolicyAsync(gateway, "demo", new HttpsPolicy { HstsMaxAge = 31536000, HstsIncludeSubdomains = true });
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), Version.Parse(version));

        using var plain = await client.GetAsync($"https://demo.localhost:{gateway.HttpsAddress!.Port}/", Ct);
        using var own = await client.GetAsync($"https://demo.localhost:{gateway.HttpsAddress!.Port}/hsts", Ct);

        Assert.Equal(Version.Parse(version), plain.Version);
        Assert.Equal(Hsts, Assert.Single(plain.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(Hsts, Assert.Single(own.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal("one", await own.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Request_PlainHttpWithHsts_NoHstsHeader()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        await SetPolicyAsync(gateway, "demo", new HttpsPolicy { HstsMaxAge = 600 });

        // RFC 6797 §7.2: HSTS over plain HTTP means nothing and must not be sent.
        using var response = await gateway.GetAsync("demo.localhost", "/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Request_RedirectWithConfiguredPort_LocationNamesThatPort()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions
        {
            HttpsUrl = "https://127.0.0.1:0", LocalAuthorityDirectory = _authorityDirectory, HttpsRedirectPort = 443,
        });
        await gateway.AddBackendsAsync("demo", Ct, "one");
        await SetPolicyAsync(gateway, "demo", new HttpsPolicy { Redirect = true });

        using var response = await gateway.GetAsync("demo.localhost:80", "/a", Ct);

        Assert.Equal("https://demo.localhost/a", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Request_RedirectWithoutHttpsListener_Served()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        await SetPolicyAsync(gateway, "demo", new HttpsPolicy { Redirect = true });

        Assert.Equal("one", await gateway.GetTextAsync("demo.localhost", "/", Ct));
    }

    public void Dispose()
    {
        if (Directory.Exists(_authorityDirectory))
        {
            Directory.Delete(_authorityDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private static Task SetPolicyAsync(GatewayHarness gateway, string appId, HttpsPolicy policy) =>
        gateway.PutAsync(GatewayKeys.Https(appId), GatewaySettingsPublisher.Serialize(policy), Ct);

    private static IPEndPoint HttpsEndPoint(GatewayHarness gateway) => new(IPAddress.Loopback, gateway.HttpsAddress!.Port);

    private X509Certificate2 Root() => X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_authorityDirectory, LocalAuthority.RootFileName)));

    private Task<GatewayHarness> StartHttpsGatewayAsync() =>
        StartGatewayAsync(new GatewayOptions { HttpsUrl = "https://127.0.0.1:0", LocalAuthorityDirectory = _authorityDirectory });
}
