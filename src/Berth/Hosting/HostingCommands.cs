using System.CommandLine;
using Berth.ControlPlane;
using Berth.Discovery.Selection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        Server("server", "Run a control plane (API only); gateways run on their own with 'berth gateway'", withGateway: false), GatewayCommand.Create()];

    private static Command Server(string name, string description, bool withGateway)
    {
        var flags = new ServerFlags(withGateway);
        var logFormat = HostSetup.LogFormatOption();
        var command = new Command(name, description) { logFormat };
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var configuration = HostSetup.Configuration();
            return RunAsync(flags.Read(parse, configuration), KillingCrashPoints.Compose(configuration), parse.GetValue(logFormat)!, cancellationToken);
        });
        return command;
    }

    private static Task<int> RunAsync(BerthServerOptions options, Action<IServiceCollection> overrides, string logFormat, CancellationToken cancellationToken) =>
        Foreground.RunAsync(async token =>
        {
            var server = await BerthServer.StartAsync(options, HostSetup.Logging(logFormat), overrides, token);
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
