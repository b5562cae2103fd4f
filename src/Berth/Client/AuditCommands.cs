using System.CommandLine;

namespace Berth.Client;

/// <summary><c>berth audit</c> (admin): every call that tried to change something, newest first.</summary>
internal static class AuditCommands
{
    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        Option<string> actor = new("--actor") { Description = "only this tenant's calls" };
        Option<int?> limit = new("--limit") { Description = "at most this many entries [default: 100, at most 1000]" };
        Option<string> before = new("--before") { Description = "only entries older than this entry id (the next page)" };
        var command = new Command("audit", "Show the audit log (admin): who changed what, when, and how it ended") { actor, limit, before };
        context.SetAnswerAction(
            command,
            call => call.Api.ListAuditAsync(call.ParseResult.GetValue(actor), call.ParseResult.GetValue(before), call.ParseResult.GetValue(limit), call.CancellationToken),
            (call, entries) => TablePrinter.Write(
                call.Out,
                ["TIME", "ACTOR", "CLIENT", "CALL", "STATUS", "ID"],
                entries.Select(entry => (IReadOnlyList<string>)
                [
                    Display.Time(entry.At),
                    Display.OrNone(entry.Actor),
                    entry.Client,
                    $"{entry.Method} {entry.Path}",
                    Display.Number(entry.Status),
                    entry.Id,
                ])));
        return [command];
    }
}
