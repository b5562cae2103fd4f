using System.CommandLine;
using Berth.ControlPlane;
using Berth.Discovery.Selection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Hosting;

/// <summary>
/// The commands that run Berth itself. Settings come from flags, over <c>BERTH_</c> variables in .NET's configuration
/// form (<c>BERTH_Berth__ApiUrl</c>, <c>BERTH_Discovery__Endpoints__0</c> …), over the config file (<see cref="ConfigurationLayers"/>).
/// </summary>
internal static class HostingCommands
{
    /// <summary>Creates the hosting commands to add to the root command.</summary>
    public static IEnumerable<Command> Create() => [Server("up", "Run Berth (API and gateway) in the foreground until Ctrl-C", withGateway: true),
        Server("server", "Run a control plane (API only); gateways run on their own with 'berth gateway'", withGateway: false), GatewayCommand.Create()];

    private static Command Server(string name, string description, bool withGateway)
    {
        var flags = new ServerFlags(withGateway);
        var logFormat = HostSetup.LogFormatOption();
        var config = HostSetup.ConfigOption();
        var command = new Command(name, description) { logFormat, config };
        flags.AddTo(command);
        // Read inside the start, so a bad file or setting is reported as a sentence like any other failure to start.
        command.SetAction((parse, cancellationToken) => RunAsync(() =>
        {
            var configuration = HostSetup.Configuration(parse.GetValue(config));
            return (flags.Read(parse, configuration), configuration);
        }, parse.GetValue(logFormat)!, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(Func<(BerthServerOptions, IConfiguration)> settings, string logFormat, CancellationToken cancellationToken) =>
        Foreground.RunAsync(async token =>
        {
            var (options, configuration) = settings();
            var server = await BerthServer.StartAsync(options, configuration, HostSetup.Logging(logFormat), KillingCrashPoints.Compose(), token);
            var say = HostSetup.Announcer(logFormat, server.Services.GetRequiredService<ILoggerFactory>());
            var tokenPath = Path.GetFullPath(options.AdminTokenPath);
            say(server.NewAdminToken ? $"Created the admin token: {tokenPath} (mode 0600)" : $"Admin token: {tokenPath}");
            say($"API: {server.ApiUrl}   discovery: {options.Discovery.Provider}");
            if (server.GatewayUrl is { } gateway)
            {
                say($"Gateway: {gateway} (apps at http://{{app}}.{options.BaseDomain}:{new Uri(gateway).Port}/)");
            }

            if (server.GatewayHttpsUrl is { } https)
            {
                say($"HTTPS: {https} (apps at https://{{app}}.{options.BaseDomain}:{new Uri(https).Port}/); local authority root: {server.LocalAuthorityRoot} (curl --cacert)");
            }

            return new Running(server.DisposeAsync, say);
        }, cancellationToken);
}
