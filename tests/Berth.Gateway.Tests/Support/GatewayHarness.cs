using System.Net;
using System.Net.Sockets;
using Berth.Core.Discovery;
using Berth.Discovery;
using Berth.Discovery.Embedded;
using Berth.Gateway.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Gateway.Tests.Support;

/// <summary>A real gateway from <see cref="GatewayApp.Build"/> on a loopback port over a real embedded store (its own, or a shared one).</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<TestBackend> _backends = [];

    private GatewayHarness(WebApplication app, IDiscoveryStore store, Uri address, Uri? httpsAddress)
    {
        _app = app;
        Store = store;
        Registry = new ServiceRegistry(store);
        Address = address;
        HttpsAddress = httpsAddress;
        Client = CreateClient();
    }

    public IDiscoveryStore Store { get; }

    public ServiceRegistry Registry { get; }

    public Uri Address { get; }

    /// <summary>The HTTPS listener's address when the options asked for one.</summary>
    public Uri? HttpsAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The gateway's services, for tests that check how it was put together.</summary>
    public IServiceProvider Services => _app.Services;

    public RouteTableUpdater Updater => _app.Services.GetRequiredService<RouteTableUpdater>();

    /// <param name="services">Registrations over the gateway's own (a clock the test sets).</param>
    public static async Task<GatewayHarness> StartAsync(
        CancellationToken cancellationToken, GatewayOptions? options = null, IDiscoveryStore? store = null, Action<IServiceCollection>? services = null)
    {
        store ??= new EmbeddedDiscoveryStore();
        var app = GatewayApp.Build(options ?? new GatewayOptions(), store, "http://127.0.0.1:0", builder => services?.Invoke(builder.Services));
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<RouteTableUpdater>().WaitForFirstTableAsync(cancellationToken);
        var https = app.Urls.FirstOrDefault(u => u.StartsWith("https:", StringComparison.Ordinal));
        return new GatewayHarness(app, store, new Uri(app.Urls.Single(u => u.StartsWith("http:", StringComparison.Ordinal))), https is null ? null : new Uri(https));
    }

    /// <summary>A port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client of its own (own connection pool), for tests that count connections.</summary>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts a backend, not yet registered; it is stopped with the harness.</summary>
    public async Task<TestBackend> StartBackendAsync(string name, CancellationToken cancellationToken)
    {
        var backend = await TestBackend.StartAsync(name, cancellationToken);
        _backends.Add(backend);
        return backend;
    }

    /// <summary>Starts a backend and registers it as instance <paramref name="name"/> of the app.</summary>
    public async Task<TestBackend> AddBackendAsync(string appId, string name, CancellationToken cancellationToken, string version = "v1")
    {
        var backend = await StartBackendAsync(name, cancellationToken);
        await Registry.RegisterAsync(appId, version, name, backend.Address, cancellationToken);
        return backend;
    }

    /// <summary>Registers a backend per name as instances of the app, then waits until the gateway routes to all of them.</summary>
    public async Task AddBackendsAsync(string appId, CancellationToken cancellationToken, params string[] names)
    {
        foreach (var name in names)
        {
            await AddBackendAsync(appId, name, cancellationToken);
        }

        await WaitForInstancesAsync(appId, names.Length, cancellationToken);
    }

    /// <summary>Sends <paramref name="count"/> GETs of <c>/</c> that an instance must answer (statistics tests count them).</summary>
    public async Task SendAnsweredAsync(string host, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.NotEqual("[", (await GetTextAsync(host, "/", cancellationToken))[..1]);
        }
    }

    /// <summary>Writes a discovery key, then waits until the gateway's table reflects it.</summary>
    public async Task PutAsync(string key, string value, CancellationToken cancellationToken) =>
        await WaitForRevisionAsync(await Store.PutAsync(key, value, cancellationToken), cancellationToken);

    /// <summary>Deletes a discovery key, then waits until the gateway's table reflects it.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await Store.DeleteAsync(key, cancellationToken);
        var revision = (await Store.GetPrefixAsync("/", cancellationToken)).Revision;
        await WaitForRevisionAsync(revision, cancellationToken);
    }

    public Task WaitForRevisionAsync(long revision, CancellationToken cancellationToken) =>
        Eventually.TrueAsync(() => Updater.Current.Revision >= revision, TimeSpan.FromSeconds(5), cancellationToken);

    public Task WaitForInstancesAsync(string appId, int count, CancellationToken cancellationToken) =>
        Eventually.TrueAsync(
            () => Updater.Current.TryGetRoute(appId, out var route) && route.Destinations.Count == count,
            TimeSpan.FromSeconds(5),
            cancellationToken);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string host, string path, CancellationToken cancellationToken, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Host = host;
        return Client.SendAsync(request, cancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string host, string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, host, path, cancellationToken);

    /// <summary>A GET whose body is returned when the status is 200, or the status in brackets.</summary>
    public async Task<string> GetTextAsync(string host, string path, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(host, path, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(cancellationToken) : $"[{(int)response.StatusCode}]";
    }

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
