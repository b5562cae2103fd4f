using System.CommandLine;
using Berth.Client.Dtos;

namespace Berth.Client;

/// <summary><c>berth hosts</c>: the engines Berth places on and how full they are (admin only).</summary>
internal static class HostsCommands
{
    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        Option<bool> json = CommonOptions.Json();
        var hosts = new Command("hosts", "List hosts with their capacity and reservations (admin)") { json };
        context.SetAction(hosts, async call =>
        {
            ApiResponse<IReadOnlyList<HostView>> response = await call.Api.ListHostsAsync(call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            TablePrinter.Write(
                call.Out,
                ["NAME", "ADVERTISE IP", "PORT RANGE", "PORTS USED", "MEMORY MB", "CPU SHARES", "INSTANCES", "ENGINE"],
                response.Value.Select(host => (IReadOnlyList<string>)
                [
                    host.Name,
                    host.AdvertiseIp,
                    host.PortRange,
                    Display.Number(host.PortsInUse),
                    $"{Display.Number(host.ReservedMemoryMb)}/{Display.Number(host.MemoryMb)}",
                    $"{Display.Number(host.ReservedCpuShares)}/{Display.Number(host.CpuShares)}",
                    Display.Number(host.Instances),
                    host.Engine,
                ]));
            return 0;
        });
        return [hosts];
    }
}
