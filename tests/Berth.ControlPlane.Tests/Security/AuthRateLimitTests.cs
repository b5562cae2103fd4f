using System.Net;
using Berth.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// Failed authentications are limited per client address and per credential: guessing tokens gets a 429, not an
/// answer, while a token that worked before keeps working from the guesser's address; the API answers only to its names.
/// </summary>
public sealed class AuthRateLimitTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(configure: options => options.AuthFailuresPerMinute = 5);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task BadTokens_PastTheLimit_Are429WithRetryAfterForThatAddressOnly()
    {
        var guesser = SecurityClients.NewLoopbackAddress();
        var token = SecurityClients.TokenOf(_berth.Admin);
        using var guessing = SecurityClients.From(guesser, _berth.Server.ApiUrl, "berth_guess");
        using var rightTokenSameAddress = SecurityClients.From(guesser, _berth.Server.ApiUrl, token);
        using var rightTokenOtherAddress = SecurityClients.From(SecurityClients.NewLoopbackAddress(), _berth.Server.ApiUrl, token);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guessing.GetAsync("/v1/apps")).StatusCode);
        }

        var limited = await guessing.GetAsync("/v1/apps");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        // While limited, even the right token gets no answer from there: a guesser must not learn it found one.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await rightTokenSameAddress.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rightTokenOtherAddress.GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task BadTokens_FromTheAddressOfASignedInAdmin_LockOutTheGuesserNotTheAdmin()
    {
        var shared = SecurityClients.NewLoopbackAddress();
        using var admin = SecurityClients.From(shared, _berth.Server.ApiUrl, SecurityClients.TokenOf(_berth.Admin));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/apps")).StatusCode);

        for (var i = 0; i < 10; i++)
        {
            using var guessing = SecurityClients.From(shared, _berth.Server.ApiUrl, $"berth_guess{i}");
            await guessing.GetAsync("/v1/apps");
        }

        using var nextGuess = SecurityClients.From(shared, _berth.Server.ApiUrl, "berth_guess-next");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await nextGuess.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task OneBadToken_FromManyAddresses_IsRefusedFromEveryAddress()
    {
        for (var i = 0; i < 5; i++)
        {
            using var somewhere = SecurityClients.From(SecurityClients.NewLoopbackAddress(), _berth.Server.ApiUrl, "berth_stolen-and-revoked");
            Assert.Equal(HttpStatusCode.Unauthorized, (await somewhere.GetAsync("/v1/apps")).StatusCode);
        }

        using var elsewhere = SecurityClients.From(SecurityClients.NewLoopbackAddress(), _berth.Server.ApiUrl, "berth_stolen-and-revoked");
        using var rightToken = SecurityClients.From(SecurityClients.NewLoopbackAddress(), _berth.Server.ApiUrl, SecurityClients.TokenOf(_berth.Admin));

        Assert.Equal(HttpStatusCode.TooManyRequests, (await elsewhere.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rightToken.GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task BadTokens_ThroughATrustedProxy_CountAgainstTheClientItNames()
    {
        var proxy = SecurityClients.NewLoopbackAddress();
        await using var behindProxy = await BerthTestServer.StartAsync(configure: options =>
        {
            options.AuthFailuresPerMinute = 5;
            options.TrustedProxies = [proxy.ToString()];
        });
        var token = SecurityClients.TokenOf(behindProxy.Admin);
        using var guesserNewToken = Forwarded(SecurityClients.From(proxy, behindProxy.Server.ApiUrl, token), "198.51.100.1, 203.0.113.20");
        using var otherClient = Forwarded(SecurityClients.From(proxy, behindProxy.Server.ApiUrl, token), "203.0.113.21");
        using var garbled = Forwarded(SecurityClients.From(proxy, behindProxy.Server.ApiUrl, token), "not-an-address");
        var untrusted = SecurityClients.NewLoopbackAddress();
        using var spoofer = SecurityClients.From(untrusted, behindProxy.Server.ApiUrl, token);

        // A new guess each time, so only the per-address counts can refuse.
        for (var i = 0; i < 6; i++)
        {
            using var guessing = Forwarded(SecurityClients.From(proxy, behindProxy.Server.ApiUrl, $"berth_guess{i}"), "203.0.113.20");
            using var spoofing = Forwarded(SecurityClients.From(untrusted, behindProxy.Server.ApiUrl, $"berth_spoof{i}"), "203.0.113.30");
            await guessing.GetAsync("/v1/apps");
            await spoofing.GetAsync("/v1/apps");
        }

        // The token has not worked yet, so the blocked client and the blocked spoofer are refused it.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesserNewToken.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await spoofer.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await garbled.GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task Request_HostNotOneOfTheApisNames_Is400AndNothingRuns()
    {
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/v1/apps") { Headers = { Host = "attacker.example" } };
        rebound.Headers.Authorization = _berth.Admin.DefaultRequestHeaders.Authorization;
        using var local = new HttpRequestMessage(HttpMethod.Get, "/v1/apps") { Headers = { Host = "localhost" } };
        local.Headers.Authorization = _berth.Admin.DefaultRequestHeaders.Authorization;

        var refused = await _berth.Admin.SendAsync(rebound);
        var allowed = await _berth.Admin.SendAsync(local);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("AllowedHosts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "attacker.example" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await _berth.Admin.SendAsync(dashboard)).StatusCode);
    }

    [Theory]
    [InlineData("TrustedProxies", "Berth:TrustedProxies must list IP addresses or CIDR ranges")]
    [InlineData("AllowedHosts", "Berth:AllowedHosts must list host names or addresses")]
    public async Task Start_BadApiNetworkSetting_RefusedNamingTheSetting(string setting, string message)
    {
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => BerthTestServer.StartAsync(configure: options =>
        {
            if (setting == "TrustedProxies")
            {
                options.TrustedProxies = ["bogus/99"];
            }
            else
            {
                options.AllowedHosts = ["bad host!"];
            }
        }));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsWithoutCredentials_AreNotCountedAsFailures()
    {
        var address = SecurityClients.NewLoopbackAddress();
        using var anonymous = SecurityClients.From(address, _berth.Server.ApiUrl, null);
        using var signedIn = SecurityClients.From(address, _berth.Server.ApiUrl, SecurityClients.TokenOf(_berth.Admin));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/apps")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task DashboardRelay_WithTheProcessKey_LimitsTheBrowserNotTheDashboard()
    {
        var relay = _berth.Server.Services.GetRequiredService<DashboardRelay>();
        var dashboard = SecurityClients.NewLoopbackAddress();
        var token = SecurityClients.TokenOf(_berth.Admin);
        using var guessing = Relayed(SecurityClients.From(dashboard, _berth.Server.ApiUrl, "berth_guess"), relay.Key, "203.0.113.7");
        using var guesserRightToken = Relayed(SecurityClients.From(dashboard, _berth.Server.ApiUrl, token), relay.Key, "203.0.113.7");
        using var otherBrowser = Relayed(SecurityClients.From(dashboard, _berth.Server.ApiUrl, token), relay.Key, "203.0.113.8");
        using var direct = SecurityClients.From(dashboard, _berth.Server.ApiUrl, token);

        for (var i = 0; i < 6; i++)
        {
            await guessing.GetAsync("/v1/apps");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesserRightToken.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherBrowser.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task DashboardRelay_WithAWrongKey_CountsAgainstTheRealAddress()
    {
        var caller = SecurityClients.NewLoopbackAddress();
        using var forging = Relayed(SecurityClients.From(caller, _berth.Server.ApiUrl, "berth_guess"), "not-the-key", "203.0.113.9");
        using var sameCaller = SecurityClients.From(caller, _berth.Server.ApiUrl, SecurityClients.TokenOf(_berth.Admin));

        for (var i = 0; i < 6; i++)
        {
            await forging.GetAsync("/v1/apps");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameCaller.GetAsync("/v1/apps")).StatusCode);
    }

    private static HttpClient Forwarded(HttpClient client, string forwardedFor)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private static HttpClient Relayed(HttpClient client, string key, string browser)
    {
        client.DefaultRequestHeaders.Add(DashboardRelay.KeyHeader, key);
        client.DefaultRequestHeaders.Add(DashboardRelay.ClientHeader, browser);
        return client;
    }
}
