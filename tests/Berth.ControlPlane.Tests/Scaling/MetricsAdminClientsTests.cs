using System.Net;

namespace Berth.ControlPlane.Tests.Scaling;

/// <summary><c>/metrics</c> is for admin clients only: a client outside <c>Berth:Metrics:AdminClients</c> gets a 404.</summary>
public sealed class MetricsAdminClientsTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() =>
        _berth = await BerthTestServer.StartAsync(configure: o => o.Metrics.AdminClients = ["10.0.0.0/8"]);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Metrics_ClientNotAnAdminClient_NotFound()
    {
        using var anonymous = new HttpClient { BaseAddress = _berth.Admin.BaseAddress };

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
    }
}
