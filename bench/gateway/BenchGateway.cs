using Berth.Discovery;
using Berth.Discovery.Embedded;
using Berth.Gateway;

namespace Berth.Bench.Gateway;

/// <summary>
/// The real gateway (same code path as <c>berth up</c>, statistics on) over an embedded discovery store that lists
/// the benchmark backends as instances of app <c>bench</c>, reached as <c>bench.localhost</c>.
/// </summary>
internal static class BenchGateway
{
    public static async Task<int> RunAsync(string address, string[] backends)
    {
        var store = new EmbeddedDiscoveryStore();
        var registry = new ServiceRegistry(store);
        await registry.AddAppAsync("bench", "bench");
        for (var i = 0; i < backends.Length; i++)
        {
            await registry.RegisterAsync("bench", "v1", $"backend{i}", backends[i]);
        }

        var app = GatewayApp.Build(new GatewayOptions(), store, $"http://{address}");
        await app.RunAsync();
        return 0;
    }
}
