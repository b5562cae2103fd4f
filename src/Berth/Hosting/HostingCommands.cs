using System.CommandLine;
using Berth.ControlPlane;
using Berth.ControlPlane.Hosting;
using Berth.Discovery.Selection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Berth.Hosting;

/// <summary>
/// The commands that run Berth itself. Settings come from flags, then from environment variables in .NET's
/// configuration form (<c>Berth__ApiUrl</c>, <c>Discovery__Provider</c>, <c>Discovery__Endpoints__0</c> …).
/// </summary>
public static class HostingCommands
{
    /// <summary>Creates the hosting commands to add to the root command.</summary>
    public static IEnumerable<Command> Create() => [Server("up", "Run Berth (API and gateway) in the foreground until Ctrl-C", withGateway: true),
        Server("server", "Run a control plane (API only); gateways run on their own with 'berth gateway'", withGateway: false), Gateway()];

    private static Command Server(string name, string description, bool withGateway)
    {
        var flags = new ServerFlags(withGateway);
        var command = new Command(name, description);
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(flags.Read(parse, Configuration()), cancellationToken));
        return command;
    }

    private static Command Gateway()
    {
        var url = new Option<string>("--url") { Description = "where the gateway listens", DefaultValueFactory = _ => "http://127.0.0.1:7080" };
        var baseDomain = new Option<string?>("--base-domain") { Description = "apps answer at {app}.{base-domain} (default localhost)" };
        var discovery = DiscoveryFlags.Create();
        var gateway = GatewayFlags.Create();
        var command = new Command("gateway", "Run a gateway on its own, routing from a shared discovery store (etcd or ZooKeeper)") { url, baseDomain };
        discovery.AddTo(command);
        gateway.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = Configuration();
            var options = discovery.Read(parse, configuration);
            var settings = gateway.Read(parse, configuration);
            settings.BaseDomain = parse.GetValue(baseDomain) ?? settings.BaseDomain;
            if (options.Provider == DiscoveryProviders.Embedded)
            {
                await Console.Error.WriteLineAsync("error: a gateway on its own needs a shared discovery store: --discovery etcd (or zookeeper) with --discovery-endpoint");
                return 1;
            }

            return await Foreground.RunAsync(async token =>
            {
                var logging = Logging();
                using var loggers = LoggerFactory.Create(logging);
                var backend = await DiscoveryBackend.OpenAsync(options, "", loggers, token);
                var app = BerthServer.StartGateway(settings, backend, parse.GetValue(url)!, logging);
                await app.StartAsync(token);
                var member = await Members.RegisterAsync(backend.Leases, Members.Gateway, app.Urls.First(), token);
                Console.WriteLine($"Gateway: {app.Urls.First()} routing from {options.Provider} ({string.Join(", ", options.Endpoints)})");
                return new Running(async () =>
                {
                    await member.DisposeAsync();
                    await app.StopAsync();
                    await app.DisposeAsync();
                    await backend.DisposeAsync();
                });
            }, cancellationToken);
        });
        return command;
    }

    private static Task<int> RunAsync(BerthOptions options, CancellationToken cancellationToken) =>
        Foreground.RunAsync(async token =>
        {
            var server = await BerthServer.StartAsync(options, Logging(), token);
            var tokenPath = Path.GetFullPath(options.AdminTokenPath);
            Console.WriteLine(server.NewAdminToken ? $"Created the admin token: {tokenPath} (mode 0600)" : $"Admin token: {tokenPath}");
            Console.WriteLine($"API: {server.ApiUrl}   discovery: {options.Discovery.Provider}");
            if (server.GatewayUrl is { } gateway)
            {
                Console.WriteLine($"Gateway: {gateway} (apps at http://{{app}}.{options.BaseDomain}:{new Uri(gateway).Port}/)");
            }

            return new Running(server.DisposeAsync);
        }, cancellationToken);

    private static Action<ILoggingBuilder> Logging() => logging => logging.AddSimpleConsole(c => c.SingleLine = true);

    private static IConfiguration Configuration() => new ConfigurationBuilder().AddEnvironmentVariables().Build();
}
