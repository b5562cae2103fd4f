using System.CommandLine;

namespace Berth.Client;

/// <summary><c>berth discovery APP</c>: what the gateway sees of an app.</summary>
internal static class DiscoveryCommands
{
    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var discovery = new Command("discovery", "List an app's service discovery entries, which route traffic to it") { app };
        context.SetAnswerAction(discovery, call => call.Api.GetDiscoveryAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), (call, entries) =>
            TablePrinter.Write(call.Out, ["KEY", "VALUE"], entries.Select(entry => (IReadOnlyList<string>)[entry.Key, entry.Value])));
        return [discovery];
    }
}
