using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth blacklist show|set|clear [--app APP]</c>: clients the gateways refuse with 403 (without --app: every app's, admin only).</summary>
internal static class BlacklistCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var blacklist = new Command("blacklist", "Client addresses and ranges the gateways refuse (403): one app's, or without --app every app's (admin)");
        blacklist.Subcommands.Add(Show(context));
        blacklist.Subcommands.Add(Set(context));
        blacklist.Subcommands.Add(Clear(context));
        return [blacklist];
    }

    private static Option<string?> App() => new("--app") { Description = "The app whose list it is [default: the global list, admin only]", HelpName = "APP" };

    private static Command Show(ClientContext context)
    {
        Option<string?> app = App();
        var command = new Command("show", "Print the list, one address or range a line") { app };
        context.SetAnswerAction(command, call => call.Api.GetBlacklistAsync(call.ParseResult.GetValue(app), call.CancellationToken), (call, list) => Write(call.Out, list));
        return command;
    }

    private static Command Set(ClientContext context)
    {
        Option<string?> app = App();
        var entries = new Argument<string[]>("CIDR") { Description = "IPv4/IPv6 addresses and CIDR ranges, such as 203.0.113.7 10.0.0.0/8", Arity = ArgumentArity.OneOrMore };
        var command = new Command("set", "Replace the list; gateways apply it within a second") { app, entries };
        context.SetAnswerAction(
            command,
            call => call.Api.SetBlacklistAsync(call.ParseResult.GetValue(app), call.ParseResult.GetRequiredValue(entries), call.CancellationToken),
            (call, set) => Write(call.Out, set));
        return command;
    }

    private static Command Clear(ClientContext context)
    {
        Option<string?> app = App();
        var command = new Command("clear", "Empty the list") { app };
        context.SetAnswerAction(command, call => call.Api.SetBlacklistAsync(call.ParseResult.GetValue(app), [], call.CancellationToken), (call, cleared) => Write(call.Out, cleared));
        return command;
    }

    private static void Write(TextWriter writer, BlacklistView blacklist)
    {
        string whose = blacklist.AppId is null ? "The global blacklist (every app)" : $"The blacklist of {blacklist.AppId}";
        writer.WriteLine(blacklist.Entries.Count == 0 ? $"{whose} is empty." : $"{whose}:");
        foreach (string entry in blacklist.Entries)
        {
            writer.WriteLine($"  {entry}");
        }
    }
}
