using Berth.Core.Discovery;
using Berth.Discovery.Membership;
using Berth.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// A second gateway beside a test server's own, on the same discovery store and registered as a gateway member, so
/// the control plane asks it for statistics too.
/// </summary>
internal sealed record SecondGateway(WebApplication App, IAsyncDisposable Membership, HttpClient Client) : IAsyncDisposable
{
    public static async Task<SecondGateway> StartAsync(BerthTestServer berth)
    {
        var discovery = berth.Server.Services.GetRequiredService<IDiscoveryStore>();
        var app = GatewayApp.Build(new GatewayOptions { BaseDomain = berth.Options.BaseDomain }, discovery, "http://127.0.0.1:0");
        await app.StartAsync();
        var url = app.Urls.First();
        var membership = await Members.RegisterAsync(berth.Server.Services.GetRequiredService<IDiscoveryLeases>(), Members.Gateway, url, CancellationToken.None);
        return new SecondGateway(app, membership, new HttpClient { BaseAddress = new Uri(url) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Membership.DisposeAsync();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
