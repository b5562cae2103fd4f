using System.CommandLine;

namespace Berth.Client;

/// <summary><c>berth logs APP [-f] [--tail N] [--instance ID]</c>: an app's container logs, each line tagged with its instance.</summary>
internal static class LogsCommands
{
    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Option<bool> follow = new("--follow", "-f") { Description = "Keep printing new lines as instances write them, until Ctrl-C" };
        Option<int?> tail = new("--tail") { HelpName = "N", Description = "Lines of each instance to show first [default: 100]" };
        Option<string> instance = new("--instance") { HelpName = "ID", Description = "Only this instance's lines" };
        var logs = new Command("logs", "Print an app's container logs, including the last lines of instances that failed to start")
        {
            app, follow, tail, instance,
        };
        context.SetAction(logs, async call =>
        {
            using HttpResponseMessage response = await call.Api.OpenLogsAsync(
                call.ParseResult.GetRequiredValue(app),
                call.ParseResult.GetValue(follow),
                call.ParseResult.GetValue(tail),
                call.ParseResult.GetValue(instance),
                call.CancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(call.CancellationToken));
            while (await reader.ReadLineAsync(call.CancellationToken) is { } line)
            {
                await call.Out.WriteLineAsync(line);
                await call.Out.FlushAsync();
            }

            return 0;
        });
        return [logs];
    }
}
