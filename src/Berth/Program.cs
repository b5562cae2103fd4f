using System.CommandLine;
using Berth.Client;
using Berth.Hosting;
using Berth.Hosting.Settings;

RootCommand root = ClientCommands.CreateRoot(ClientEnvironment.FromProcess());
foreach (Command command in HostingCommands.Create())
{
    root.Subcommands.Add(command);
}

// `berth config check` reads this machine's server settings, not an app's: it sits beside the app config commands.
root.Subcommands.Single(c => c.Name == "config").Subcommands.Add(ConfigCheckCommand.Create());

return await ClientCommands.InvokeAsync(root, args);
