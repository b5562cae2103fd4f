using Berth.ControlPlane;
using Berth.ControlPlane.Gateway;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Discovery;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Dashboard.Hosting;
using Berth.Discovery.Gateway;
using Berth.Discovery.Membership;
using Berth.Discovery.Selection;
using Berth.Gateway;
using Berth.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Hosting;

/// <summary>
/// A Berth control plane with its API and, unless told otherwise, a gateway in the same process sharing its discovery store.
/// Used by <c>berth up</c> and by the end-to-end tests alike.
/// </summary>
public sealed class BerthServer : IAsyncDisposable
{
    private readonly WebApplication _api;
    private readonly WebApplication? _gateway;
    private readonly DiscoveryBackend _discovery;
    private readonly List<IAsyncDisposable> _members = [];
    private readonly ApiTls? _tls;

    private BerthServer(WebApplication api, WebApplication? gateway, DiscoveryBackend discovery, ApiTls? tls, bool newAdminToken)
    {
        _api = api;
        _tls = tls;
        _gateway = gateway;
        _discovery = discovery;
        NewAdminToken = newAdminToken;
    }

    /// <summary>True when this start created the admin token.</summary>
    public bool NewAdminToken { get; }

    public string ApiUrl => _api.Urls.First();

    /// <summary>The in-process gateway's address; null for a control plane whose gateways run on their own.</summary>
    public string? GatewayUrl => _gateway is null ? null : GatewayApp.HttpUrl(_gateway);

    /// <summary>The in-process gateway's HTTPS address; null without one.</summary>
    public string? GatewayHttpsUrl => _gateway is null ? null : GatewayApp.HttpsUrl(_gateway);

    /// <summary>The root certificate of the local authority the in-process gateway's certificates come from (what clients trust).</summary>
    public string? LocalAuthorityRoot { get; private init; }

    public IServiceProvider Services => _api.Services;

    public static Task<BerthServer> StartAsync(BerthServerOptions options, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken) =>
        // No settings beyond the options; still a source, since the host writes its own (the listen address) into the root.
        StartAsync(options, new ConfigurationBuilder().AddInMemoryCollection().Build(), logging, static _ => { }, cancellationToken);

    /// <param name="configuration">
    /// The one configuration root every part reads its section from (<c>State</c>, <c>Scheduling</c>, <c>Logging</c> …);
    /// the framework's own sources (appsettings.json, unprefixed variables) are not read.
    /// </param>
    /// <param name="overrides">Registrations made after the control plane's own, replacing them (the crash tests' <c>ICrashPoints</c>).</param>
    public static async Task<BerthServer> StartAsync(
        BerthServerOptions options,
        IConfiguration configuration,
        Action<ILoggingBuilder>? logging,
        Action<IServiceCollection> overrides,
        CancellationToken cancellationToken)
    {
        // Bad settings fail here, naming the setting, before a folder, a store or an engine is touched.
        BerthServerOptionsValidator.ThrowIfInvalid(options);
        var tls = ApiTls.Load(options, TimeProvider.System);
        DataFolder.Prepare(options.DataDirectory);

        using var loggers = LoggerFactory.Create(b => logging?.Invoke(b));
        var discovery = await DiscoveryBackend.OpenAsync(options.Discovery, options.DiscoveryJournalPath, loggers, cancellationToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        // Under systemd (Type=notify): ready once the API listens, stopping on SIGTERM, logs without ANSI colours.
        builder.Services.AddSystemd();
        builder.WebHost.UseUrls(tls is null ? options.ApiUrl : ApiTls.ListenUrl(options.ApiUrl));
        tls?.Serve(builder.WebHost);
        // Request-level framework logs would drown Berth's own; the API logs what Berth does, not every call.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.Services.AddBerthControlPlane(options, discovery);
        builder.Services.AddBerthTelemetry();
        builder.Services.AddBerthDashboard(dashboard => dashboard.KeyRingDirectory = options.DashboardKeysPath);
        tls?.TrustedByDashboard(builder.Services);
        overrides(builder.Services);
        var api = builder.Build().ValidateSettings().MapBerthApi().MapBerthDashboard();

        var services = api.Services;
        var store = services.GetRequiredService<IStateStore>();
        await store.MigrateAsync(cancellationToken);
        var newToken = await AdminToken.EnsureAsync(store, services.GetRequiredService<ISecurityStore>(), options.AdminTokenPath, TimeProvider.System, cancellationToken);
        await LocalHost.RegisterAsync(options, store, services.GetRequiredService<IContainerRuntimeFactory>(), cancellationToken);
        if (services.GetRequiredService<ControlPlaneScope>().Alone)
        {
            // Alone on the database: put discovery and the engines right before serving; the leader gate does it otherwise.
            await services.GetRequiredService<Reconciler>().RecoverAtStartAsync(cancellationToken);
        }

        // Gateways read their settings (domains, traffic, blacklists, active versions) only from discovery: publish them from the store.
        await services.GetRequiredService<GatewaySettingsRepublisher>().RepublishAsync(cancellationToken);
        await services.GetRequiredService<GatewaySettingsPublisher>().PublishBaseDomainAsync(options.BaseDomain, cancellationToken);

        var gatewaySettings = GatewaySettings(options);
        var gateway = string.IsNullOrEmpty(options.GatewayUrl) ? null : StartGateway(gatewaySettings, discovery, options.GatewayUrl, configuration, logging);
        if (gateway is not null)
        {
            await gateway.StartAsync(cancellationToken);
        }

        await api.StartAsync(cancellationToken);
        var server = new BerthServer(api, gateway, discovery, tls, newToken)
        {
            LocalAuthorityRoot = gateway is not null && !string.IsNullOrEmpty(gatewaySettings.HttpsUrl)
                ? Path.GetFullPath(Path.Combine(gatewaySettings.LocalAuthorityDirectory!, Berth.Gateway.Tls.LocalAuthority.RootFileName))
                : null,
        };
        server._members.Add(await Members.RegisterAsync(discovery.Leases, Members.ControlPlane, server.ApiUrl, cancellationToken));
        if (server.GatewayUrl is { } gatewayUrl)
        {
            server._members.Add(await Members.RegisterAsync(discovery.Leases, Members.Gateway, gatewayUrl, cancellationToken));
        }

        return server;
    }

    /// <summary>The in-process gateway, on the server's discovery store and configuration.</summary>
    private static WebApplication StartGateway(
        GatewayOptions options, DiscoveryBackend discovery, string url, IConfiguration configuration, Action<ILoggingBuilder>? logging) =>
        GatewayApp.Build(options, discovery.Store, url, b =>
        {
            b.Configuration.Sources.Clear();
            b.Configuration.AddConfiguration(configuration);
            logging?.Invoke(b.Logging);
        });

    /// <summary>The in-process gateway's settings: those of <see cref="BerthServerOptions.Gateway"/>, under the server's base domain.</summary>
    private static GatewayOptions GatewaySettings(BerthServerOptions options)
    {
        var settings = new GatewayOptions();
        settings.CopyFrom(options.Gateway);
        settings.BaseDomain = options.BaseDomain;
        settings.LocalAuthorityDirectory ??= Path.Combine(options.DataDirectory, "tls");
        // The control plane's own key: the in-process gateway opens the certificates it stores.
        settings.SecretKey ??= Convert.ToBase64String(SecretKey.LoadOrCreate(options));
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.DisposeAsync();
        }

        await _api.StopAsync();
        await _api.DisposeAsync();
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        await _discovery.DisposeAsync();
        _tls?.Dispose();
    }
}
