using Berth.Client;
using Berth.Hosting;

return await ClientCommands.InvokeAsync(BerthCommandLine.Create(ClientEnvironment.FromProcess()), args);
