using Berth.ControlPlane.Reconciliation;
using Berth.Core.Discovery;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery.Embedded;
using Berth.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Hosting;

/// <summary>
/// One Berth on one machine: the API and the gateway, sharing the embedded discovery store.
/// Used by <c>berth up</c> and by the end-to-end tests alike.
/// </summary>
public sealed class BerthServer : IAsyncDisposable
{
    private readonly WebApplication api;
    private readonly WebApplication gateway;

    private BerthServer(WebApplication api, WebApplication gateway, bool newAdminToken)
    {
        this.api = api;
        this.gateway = gateway;
        NewAdminToken = newAdminToken;
    }

    /// <summary>True when this start created the admin token.</summary>
    public bool NewAdminToken { get; }

    public string ApiUrl => api.Urls.First();

    public string GatewayUrl => gateway.Urls.First();

    public IServiceProvider Services => api.Services;

    public static async Task<BerthServer> StartAsync(BerthOptions options, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        // The folder holds the admin token and every tenant's token hash: only its owner may enter it.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(options.DataDirectory);
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var discovery = new EmbeddedDiscoveryStore();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.ApiUrl);
        // Request-level framework logs would drown Berth's own; the API logs what Berth does, not every call.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.Services.AddBerthControlPlane(options, discovery);
        var api = builder.Build().MapBerthApi();

        var services = api.Services;
        var store = services.GetRequiredService<IStateStore>();
        await store.MigrateAsync(cancellationToken);
        var newToken = await AdminToken.EnsureAsync(store, options.AdminTokenPath, TimeProvider.System, cancellationToken);
        await LocalHost.RegisterAsync(options, store, services.GetRequiredService<IContainerRuntimeFactory>(), cancellationToken);
        if (services.GetService<ILeaderElection>() is null)
        {
            // Alone on the database: put discovery and the engines right before serving; the leader gate does it otherwise.
            await services.GetRequiredService<Reconciler>().RecoverAtStartAsync(cancellationToken);
        }

        var gateway = GatewayApp.Build(new GatewayOptions { BaseDomain = options.BaseDomain }, discovery, options.GatewayUrl,
            b => logging?.Invoke(b.Logging));
        await gateway.StartAsync(cancellationToken);
        await api.StartAsync(cancellationToken);
        return new BerthServer(api, gateway, newToken);
    }

    public async ValueTask DisposeAsync()
    {
        await api.StopAsync();
        await gateway.StopAsync();
        await api.DisposeAsync();
        await gateway.DisposeAsync();
    }
}
