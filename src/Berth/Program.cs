using System.CommandLine;
using Berth.Client;
using Berth.Hosting;

RootCommand root = ClientCommands.CreateRoot(ClientEnvironment.FromProcess());
foreach (Command command in HostingCommands.Create())
{
    root.Subcommands.Add(command);
}

return await ClientCommands.InvokeAsync(root, args);
