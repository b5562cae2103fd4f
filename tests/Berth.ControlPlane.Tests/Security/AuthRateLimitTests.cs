using System.Net;
using Berth.Dashboard.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>Failed authentications are limited per client address: guessing tokens gets a 429, not an answer.</summary>
public sealed class AuthRateLimitTests : IAsyncLifetime
{
    private BerthTestServer berth = null!;

    public async ValueTask InitializeAsync() => berth = await BerthTestServer.StartAsync(configure: options => options.AuthFailuresPerMinute = 5);

    public ValueTask DisposeAsync() => berth.DisposeAsync();

    [Fact]
    public async Task BadTokens_PastTheLimit_Are429WithRetryAfterForThatAddressOnly()
    {
        var guesser = SecurityClients.NewLoopbackAddress();
        var token = SecurityClients.TokenOf(berth.Admin);
        using var guessing = SecurityClients.From(guesser, berth.Server.ApiUrl, "berth_guess");
        using var rightTokenSameAddress = SecurityClients.From(guesser, berth.Server.ApiUrl, token);
        using var rightTokenOtherAddress = SecurityClients.From(SecurityClients.NewLoopbackAddress(), berth.Server.ApiUrl, token);

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
    public async Task RequestsWithoutCredentials_AreNotCountedAsFailures()
    {
        var address = SecurityClients.NewLoopbackAddress();
        using var anonymous = SecurityClients.From(address, berth.Server.ApiUrl, null);
        using var signedIn = SecurityClients.From(address, berth.Server.ApiUrl, SecurityClients.TokenOf(berth.Admin));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/apps")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task DashboardRelay_WithTheProcessKey_LimitsTheBrowserNotTheDashboard()
    {
        var relay = berth.Server.Services.GetRequiredService<DashboardRelay>();
        var dashboard = SecurityClients.NewLoopbackAddress();
        var token = SecurityClients.TokenOf(berth.Admin);
        using var guessing = Relayed(SecurityClients.From(dashboard, berth.Server.ApiUrl, "berth_guess"), relay.Key, "203.0.113.7");
        using var guesserRightToken = Relayed(SecurityClients.From(dashboard, berth.Server.ApiUrl, token), relay.Key, "203.0.113.7");
        using var otherBrowser = Relayed(SecurityClients.From(dashboard, berth.Server.ApiUrl, token), relay.Key, "203.0.113.8");
        using var direct = SecurityClients.From(dashboard, berth.Server.ApiUrl, token);

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
        using var forging = Relayed(SecurityClients.From(caller, berth.Server.ApiUrl, "berth_guess"), "not-the-key", "203.0.113.9");
        using var sameCaller = SecurityClients.From(caller, berth.Server.ApiUrl, SecurityClients.TokenOf(berth.Admin));

        for (var i = 0; i < 6; i++)
        {
            await forging.GetAsync("/v1/apps");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameCaller.GetAsync("/v1/apps")).StatusCode);
    }

    private static HttpClient Relayed(HttpClient client, string key, string browser)
    {
        client.DefaultRequestHeaders.Add(DashboardRelay.KeyHeader, key);
        client.DefaultRequestHeaders.Add(DashboardRelay.ClientHeader, browser);
        return client;
    }
}
