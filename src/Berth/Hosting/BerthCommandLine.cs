using System.CommandLine;
using Berth.Client;
using Berth.Hosting.Settings;

namespace Berth.Hosting;

/// <summary>The berth executable's whole command tree: the client's commands and those that run Berth itself.</summary>
internal static class BerthCommandLine
{
    /// <summary>Creates the root command, reading the client's settings from <paramref name="environment"/>.</summary>
    public static RootCommand Create(ClientEnvironment environment)
    {
        RootCommand root = ClientCommands.CreateRoot(environment);
        foreach (Command command in HostingCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        // `berth config check` reads this machine's server settings, not an app's: it sits beside the app config commands.
        root.Subcommands.Single(c => c.Name == "config").Subcommands.Add(ConfigCheckCommand.Create());
        return root;
    }
}
