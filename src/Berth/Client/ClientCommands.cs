using System.CommandLine;
using System.CommandLine.Invocation;

namespace Berth.Client;

/// <summary>Builds the root command with every client command (the hosting commands are added next to them) and runs it.</summary>
internal static class ClientCommands
{
    /// <summary>The exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>Creates the root command, with the global <c>--url</c> and <c>--token</c> options, reading settings from <paramref name="environment"/>.</summary>
    public static RootCommand CreateRoot(ClientEnvironment environment)
    {
        var context = new ClientContext(environment);
        var root = new RootCommand("Berth runs your apps' containers on your Docker hosts.");
        root.Options.Add(context.UrlOption);
        root.Options.Add(context.CaCertOption);
        root.Options.Add(context.TokenOption);
        root.Options.Add(context.QuietOption);
        IEnumerable<Command> commands =
        [
            .. SessionCommands.Create(context),
            .. AppsCommands.Create(context),
            .. DeploymentCommands.Create(context),
            .. InstancesCommands.Create(context),
            .. AutoscaleCommands.Create(context),
            .. HostsCommands.Create(context),
            .. TenantsCommands.Create(context),
            .. DiscoveryCommands.Create(context),
            .. ConfigCommands.Create(context),
            .. TokensCommands.Create(context),
            .. AuditCommands.Create(context),
            .. BaseImagesCommands.Create(context),
            .. EventsCommands.Create(context),
            .. LogsCommands.Create(context),
            .. CanaryCommands.Create(context),
            .. DomainsCommands.Create(context),
            .. TrafficCommands.Create(context),
            .. HttpsCommands.Create(context),
            .. BlacklistCommands.Create(context),
            .. StatsCommands.Create(context),
            .. ProjectsCommands.Create(context),
            .. ServicesCommands.Create(context),
            CompletionCommand.Create(),
        ];
        foreach (Command command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse exits with <see cref="UsageError"/>.</summary>
    public static async Task<int> InvokeAsync(
        RootCommand root,
        IReadOnlyList<string> args,
        InvocationConfiguration? configuration = null,
        CancellationToken cancellationToken = default)
    {
        ParseResult parseResult = root.Parse(args);
        int exitCode = await parseResult.InvokeAsync(configuration, cancellationToken);

        // System.CommandLine reports parse errors with 1, which would be indistinguishable from a failed request.
        return parseResult.Action is ParseErrorAction ? UsageError : exitCode;
    }
}
