using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth config ls|get|set|rm</c>: an app's run-time configuration.</summary>
internal static class ConfigCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var config = new Command("config", "Read and change an app's configuration (given to new containers as environment variables)");
        config.Subcommands.Add(List(context));
        config.Subcommands.Add(Get(context));
        config.Subcommands.Add(Set(context));
        config.Subcommands.Add(Remove(context));
        return [config];
    }

    private static Command List(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("ls", "List an app's config keys (secret values masked)") { app };
        context.SetAnswerAction(command, call => call.Api.ListConfigAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), (call, list) =>
            TablePrinter.Write(
                call.Out,
                ["KEY", "VALUE"],
                list.Entries.Select(e => (IReadOnlyList<string>)[e.Key, e.Secret ? "(secret)" : e.Value ?? ""])));
        return command;
    }

    private static Command Get(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Argument<string> key = new("key") { Description = "the config key" };
        var command = new Command("get", "Print one value (a secret in clear)") { app, key };
        context.SetAnswerAction(
            command,
            call => call.Api.GetConfigAsync(call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(key), call.CancellationToken),
            (call, entry) => call.Out.WriteLine(entry.Value));
        return command;
    }

    private static Command Set(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Argument<string> key = new("key") { Description = "the config key: letters, digits and '_'" };
        Argument<string> value = new("value") { Description = "the value" };
        Option<bool> secret = new("--secret") { Description = "encrypt it at rest and mask it in lists" };
        var command = new Command("set", "Set a value; running apps can follow it, new containers get it as environment") { app, key, value, secret };
        context.SetAnswerAction(
            command,
            call => call.Api.SetConfigAsync(
                call.ParseResult.GetRequiredValue(app),
                call.ParseResult.GetRequiredValue(key),
                new SetConfigRequest(call.ParseResult.GetRequiredValue(value), call.ParseResult.GetValue(secret)),
                call.CancellationToken),
            (call, _) => call.Out.WriteLine($"Set {call.ParseResult.GetRequiredValue(key)} of {call.ParseResult.GetRequiredValue(app)}."));
        return command;
    }

    private static Command Remove(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Argument<string> key = new("key") { Description = "the config key" };
        var command = new Command("rm", "Remove a key") { app, key };
        context.SetAnswerAction(
            command,
            call => Removed.AfterAsync(
                call.Api.DeleteConfigAsync(call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(key), call.CancellationToken),
                "config key", ("app", call.ParseResult.GetRequiredValue(app)), ("key", call.ParseResult.GetRequiredValue(key))),
            (call, _) => call.Out.WriteLine($"Removed {call.ParseResult.GetRequiredValue(key)} of {call.ParseResult.GetRequiredValue(app)}."));
        return command;
    }
}
