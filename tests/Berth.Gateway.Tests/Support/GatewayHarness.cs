using Berth.Discovery;
using Berth.Discovery.Embedded;
using Berth.Gateway.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Gateway.Tests.Support;

/// <summary>A real gateway from <see cref="GatewayApp.Build"/> on a loopback port over a real embedded store.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<TestBackend> _backends = [];

    private GatewayHarness(WebApplication app, EmbeddedDiscoveryStore store, Uri address)
    {
        _app = app;
        Store = store;
        Registry = new ServiceRegistry(store);
        Address = address;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public EmbeddedDiscoveryStore Store { get; }

    public ServiceRegistry Registry { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public RouteTableUpdater Updater => _app.Services.GetRequiredService<RouteTableUpdater>();

    public static async Task<GatewayHarness> StartAsync(CancellationToken cancellationToken)
    {
        var store = new EmbeddedDiscoveryStore();
        var app = GatewayApp.Build(new GatewayOptions(), store, "http://127.0.0.1:0");
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<RouteTableUpdater>().WaitForFirstTableAsync(cancellationToken);
        return new GatewayHarness(app, store, new Uri(app.Urls.Single()));
    }

    /// <summary>Starts a backend, not yet registered; it is stopped with the harness.</summary>
    public async Task<TestBackend> StartBackendAsync(string name, CancellationToken cancellationToken)
    {
        var backend = await TestBackend.StartAsync(name, cancellationToken);
        _backends.Add(backend);
        return backend;
    }

    /// <summary>Starts a backend and registers it as instance <paramref name="name"/> of the app.</summary>
    public async Task<TestBackend> AddBackendAsync(string appId, string name, CancellationToken cancellationToken)
    {
        var backend = await StartBackendAsync(name, cancellationToken);
        await Registry.RegisterAsync(appId, "v1", name, backend.Address, cancellationToken);
        return backend;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string host, string path, CancellationToken cancellationToken, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Host = host;
        return Client.SendAsync(request, cancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string host, string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, host, path, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }
}
