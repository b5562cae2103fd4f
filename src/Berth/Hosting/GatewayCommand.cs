using System.CommandLine;
using Berth.Core.Discovery;
using Berth.Discovery;
using Berth.Discovery.Gateway;
using Berth.Discovery.Membership;
using Berth.Discovery.Selection;
using Berth.Gateway;
using Berth.Gateway.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Hosting;

/// <summary>
/// <c>berth gateway</c>: a gateway on its own, routing from a shared discovery store. The berth executable has it, and
/// so does the NativeAOT-published <c>berth-gateway</c> (src/Berth.GatewayHost), which the <c>./berth</c> wrapper runs
/// for this command because it needs a third of the memory.
/// </summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var listen = HostSetup.Renamed(new Option<string>("--listen") { Description = "where the gateway listens", DefaultValueFactory = _ => "http://127.0.0.1:7080" }, "--url");
        var discovery = DiscoveryFlags.Create();
        var gateway = GatewayFlags.Create();
        var logFormat = HostSetup.LogFormatOption();
        var config = HostSetup.ConfigOption();
        var command = new Command("gateway", "Run a gateway on its own, routing from a shared discovery store (etcd or ZooKeeper)") { listen, logFormat, config };
        discovery.AddTo(command);
        gateway.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            IConfiguration configuration;
            DiscoveryOptions options;
            GatewayOptions settings;
            try
            {
                configuration = HostSetup.Configuration(parse.GetValue(config));
                options = discovery.Read(parse, configuration);
                settings = gateway.Read(parse, configuration);
            }
            catch (Exception e) when (e is SettingsFileException or InvalidOperationException)
            {
                // A missing or broken file, or a value the binder cannot convert: a sentence, not a stack trace.
                await Console.Error.WriteLineAsync($"error: could not start: {e.Message}");
                return 1;
            }

            settings.LocalAuthorityDirectory ??= Path.Combine(Environment.GetEnvironmentVariable("BERTH_DATA") ?? "data", "tls");
            // The installation's key, as the control planes have it, opens the certificate store's keys.
            settings.SecretKey ??= configuration["Berth:SecretKey"];
            if (options.Provider == DiscoveryProviders.Embedded)
            {
                await Console.Error.WriteLineAsync("error: a gateway on its own needs a shared discovery store: --discovery etcd (or zookeeper) with --discovery-endpoint");
                return 1;
            }

            return await Foreground.RunAsync(async token =>
            {
                var logging = HostSetup.Logging(parse.GetValue(logFormat)!);
                using var loggers = LoggerFactory.Create(logging);
                // Bad settings fail now, not after waiting for a control plane to publish the base domain.
                GatewayOptionsValidator.ThrowIfInvalid(settings);
                var backend = await DiscoveryBackend.OpenAsync(options, "", loggers, token);
                settings.BaseDomain = await BaseDomainAsync(backend.Store, settings.BaseDomain, token);
                var app = GatewayApp.Build(settings, backend.Store, HostSetup.Value(parse, listen)!, b =>
                {
                    // One configuration root: the gateway's layers, not the framework's default sources.
                    b.Configuration.Sources.Clear();
                    b.Configuration.AddConfiguration(configuration);
                    logging(b.Logging);
                });
                await app.StartAsync(token);
                var say = HostSetup.Announcer(parse.GetValue(logFormat)!, app.Services.GetRequiredService<ILoggerFactory>());
                IAsyncDisposable? member = null;
                try
                {
                    member = await Members.RegisterAsync(backend.Leases, Members.Gateway, GatewayApp.HttpUrl(app), token);
                }
                catch (DiscoveryAccessDeniedException e)
                {
                    // A least-privilege reader may only read what it routes by: it routes, unlisted (its statistics are
                    // not collected), rather than not at all.
                    await Console.Error.WriteLineAsync($"warning: not listed as a gateway member (its statistics are not collected): {e.Message}");
                }

                say($"Gateway: {string.Join(" ", app.Urls)} routing from {options.Provider} ({string.Join(", ", options.Endpoints)})");
                if (!string.IsNullOrEmpty(settings.HttpsUrl))
                {
                    say($"HTTPS certificates from the certificate store{(settings.SecretKey is null ? " (not readable: no Berth:SecretKey)" : "")}, else from Berth's local authority; trust its root: {Path.GetFullPath(Path.Combine(settings.LocalAuthorityDirectory, LocalAuthority.RootFileName))}");
                }

                return new Running(async () =>
                {
                    if (member is not null)
                    {
                        await member.DisposeAsync();
                    }

                    await app.StopAsync();
                    await app.DisposeAsync();
                    await backend.DisposeAsync();
                }, say);
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The base domain the control plane published: the one place it is set, so the gateway never routes names under a
    /// domain the API would let a tenant claim as a custom domain. Waits for a control plane that has not started yet.
    /// </summary>
    private static async Task<string> BaseDomainAsync(IDiscoveryStore store, string configured, CancellationToken cancellationToken)
    {
        var waiting = false;
        while (true)
        {
            try
            {
                if (await GatewaySettingsPublisher.ReadBaseDomainAsync(store, cancellationToken) is { } published)
                {
                    return published;
                }
            }
            catch (DiscoveryAccessDeniedException)
            {
                await Console.Error.WriteLineAsync($"warning: may not read {GatewayKeys.BaseDomain} (grant the gateway read on {GatewayKeys.SettingsRoot}); using Gateway:BaseDomain '{configured}', which must match the control plane's");
                return configured;
            }

            if (!waiting)
            {
                waiting = true;
                await Console.Error.WriteLineAsync($"waiting for a control plane to publish the base domain ({GatewayKeys.BaseDomain})");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
