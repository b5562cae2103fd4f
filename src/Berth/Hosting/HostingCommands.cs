using System.CommandLine;
using System.Runtime.InteropServices;
using Berth.ControlPlane;
using Berth.ControlPlane.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Hosting;

/// <summary>The commands that run Berth itself.</summary>
public static class HostingCommands
{
    /// <summary>Creates the hosting commands to add to the root command.</summary>
    public static IEnumerable<Command> Create() => [Up()];

    /// <summary><c>berth up</c>: the API and the gateway in the foreground, on this machine's engine, until Ctrl-C.</summary>
    private static Command Up()
    {
        var defaults = new BerthOptions();
        var data = new Option<string>("--data") { Description = "data folder (database, admin token); default $BERTH_DATA or ./data" };
        var apiUrl = new Option<string>("--api-url") { Description = "where the API listens", DefaultValueFactory = _ => defaults.ApiUrl };
        var gatewayUrl = new Option<string>("--gateway-url") { Description = "where the gateway listens", DefaultValueFactory = _ => defaults.GatewayUrl };
        var portRange = new Option<string>("--port-range") { Description = "host ports handed to instances", DefaultValueFactory = _ => defaults.LocalPortRange };
        var registry = new Option<string>("--registry") { Description = "registry images are pulled from", DefaultValueFactory = _ => defaults.Registry };
        var baseDomain = new Option<string>("--base-domain") { Description = "apps answer at {app}.{base-domain}", DefaultValueFactory = _ => defaults.BaseDomain };
        var registryKey = new Option<string>("--registry-signing-key")
        {
            Description = "a P-256 PEM key (scripts/registry-auth.sh makes one): Berth becomes the token server of a registry in token mode",
        };
        var command = new Command("up", "Run Berth (API and gateway) in the foreground until Ctrl-C") { data, apiUrl, gatewayUrl, portRange, registry, baseDomain, registryKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new BerthOptions
            {
                DataDirectory = parse.GetValue(data) ?? Environment.GetEnvironmentVariable("BERTH_DATA") ?? "data",
                ApiUrl = parse.GetValue(apiUrl)!,
                GatewayUrl = parse.GetValue(gatewayUrl)!,
                LocalPortRange = parse.GetValue(portRange)!,
                Registry = parse.GetValue(registry)!,
                BaseDomain = parse.GetValue(baseDomain)!,
                RegistrySigningKey = parse.GetValue(registryKey),
            };
            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(BerthOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        BerthServer server;
        try
        {
            server = await BerthServer.StartAsync(options, logging => logging.AddSimpleConsole(c => c.SingleLine = true), stop.Token);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or HttpRequestException or Core.Runtime.ImageNotFoundException
            || e.GetType().Namespace?.StartsWith("Berth", StringComparison.Ordinal) == true)
        {
            await Console.Error.WriteLineAsync($"error: Berth could not start: {e.Message}");
            return 1;
        }

        await using (server)
        {
            var token = Path.GetFullPath(options.AdminTokenPath);
            Console.WriteLine(server.NewAdminToken ? $"Created the admin token: {token} (mode 0600)" : $"Admin token: {token}");
            Console.WriteLine($"API: {server.ApiUrl}   gateway: {server.GatewayUrl} (apps at http://{{app}}.{options.BaseDomain}:{new Uri(server.GatewayUrl).Port}/)");
            Console.WriteLine("Press Ctrl-C to stop.");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Console.WriteLine("Stopping Berth…");
        }

        return 0;
    }
}
