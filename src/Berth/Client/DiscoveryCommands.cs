using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth discovery APP</c>: what the gateway sees of an app.</summary>
internal static class DiscoveryCommands
{
    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Option<bool> json = CommonOptions.Json();
        var discovery = new Command("discovery", "List an app's service discovery entries, which route traffic to it") { app, json };
        context.SetAction(discovery, async call =>
        {
            ApiResponse<IReadOnlyList<DiscoveryEntryView>> response =
                await call.Api.GetDiscoveryAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            TablePrinter.Write(
                call.Out,
                ["KEY", "VALUE"],
                response.Value.Select(entry => (IReadOnlyList<string>)[entry.Key, entry.Value]));
            return 0;
        });
        return [discovery];
    }
}
