using System.Net;
using Berth.ControlPlane.Tests;

namespace Berth.Dashboard.Tests;

/// <summary>The dashboard beside the API on one origin: its pages and assets served by Berth, the API unchanged.</summary>
public sealed class DashboardRoutesTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/apps/anything/logs", "text/html")]
    [InlineData("/_framework/blazor.web.js", "text/javascript")]
    [InlineData("/assets/dashboard.css", "text/css")]
    public async Task Get_DashboardPathWithoutToken_ServedByBerth(string path, string contentType)
    {
        using var anonymous = _berth.Client(null);

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_PageShell_LoadsOnlyBerthsOwnAssets()
    {
        using var anonymous = _berth.Client(null);

        var html = await anonymous.GetStringAsync("/");

        Assert.Contains("src=\"_framework/blazor.web.js\"", html);
        Assert.Contains("href=\"assets/dashboard.css\"", html);
        // No CDN, no other origin: nothing outside this machine is reachable.
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Theory]
    [InlineData("/v1/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/v1/apps/x/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/apps/x/nothing-here", HttpStatusCode.NotFound)]
    public async Task Get_UnknownPath_ProblemDetailsNotHtml(string path, HttpStatusCode expected)
    {
        var response = await _berth.Admin.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_ApiWithoutToken_StillUnauthorized()
    {
        using var anonymous = _berth.Client(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }
}
