using System.CommandLine;
using System.Globalization;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth traffic set|show|clear</c>: split an app's traffic between versions by weight, and its balancing policy.</summary>
internal static class TrafficCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var traffic = new Command("traffic", "Split an app's traffic between versions (a canary) and choose how instances are balanced");
        traffic.Subcommands.Add(Set(context));
        traffic.Subcommands.Add(Show(context));
        traffic.Subcommands.Add(Clear(context));
        return [traffic];
    }

    private static Command Set(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var weights = new Argument<IReadOnlyDictionary<string, int>>("VERSION=WEIGHT")
        {
            Description = "Weights of running versions, such as v1=90 v2=10",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => new Dictionary<string, int>(),
            CustomParser = result =>
            {
                if (!TrafficWeightParser.TryParse(result.Tokens.Select(token => token.Value), out IReadOnlyDictionary<string, int> parsed, out string? error))
                {
                    result.AddError(error);
                }

                return parsed;
            },
        };
        var balancing = new Option<string?>("--balancing") { Description = "How a version's instances share its requests", HelpName = "POLICY" };
        balancing.AcceptOnlyFromAmong("round-robin", "least-requests");
        var command = new Command("set", "Replace the app's traffic policy: weights per version and/or the balancing policy") { app, weights, balancing };
        command.Validators.Add(result =>
        {
            // Tokens, not values: a weight that did not parse has its own error already.
            if (result.GetResult(weights) is not { Tokens.Count: > 0 } && result.GetResult(balancing) is null)
            {
                result.AddError("give weights (such as v1=90 v2=10), --balancing, or both; 'berth traffic clear' goes back to the defaults");
            }
        });
        context.SetAnswerAction(
            command,
            call => call.Api.SetTrafficAsync(
                call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(weights), call.ParseResult.GetValue(balancing), call.CancellationToken),
            (call, set) =>
            {
                call.Out.WriteLine($"Traffic of {call.ParseResult.GetRequiredValue(app)} set; gateways apply it within a second.");
                Write(call.Out, set);
            });
        return command;
    }

    private static Command Show(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("show", "Show the app's traffic split and balancing policy") { app };
        context.SetAnswerAction(command, call => call.Api.GetTrafficAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), (call, traffic) => Write(call.Out, traffic));
        return command;
    }

    private static Command Clear(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("clear", "Go back to the defaults: the active version takes all traffic, round robin") { app };
        context.SetAnswerAction(
            command,
            call => Removed.AfterAsync(call.Api.ClearTrafficAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), "traffic policy", ("app", call.ParseResult.GetRequiredValue(app))),
            (call, _) => call.Out.WriteLine($"Traffic of {call.ParseResult.GetRequiredValue(app)} cleared: the active version takes it all."));
        return command;
    }

    private static void Write(TextWriter writer, TrafficView traffic)
    {
        if (traffic.Weights.Count == 0)
        {
            writer.WriteLine($"No split: the active version ({Display.OrNone(traffic.ActiveVersion)}) takes all traffic.");
        }
        else
        {
            double total = traffic.Weights.Values.Sum();
            TablePrinter.Write(writer, ["VERSION", "WEIGHT", "SHARE"], traffic.Weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => (IReadOnlyList<string>)
            [
                w.Key == traffic.ActiveVersion ? $"{w.Key} (active)" : w.Key,
                Display.Number(w.Value),
                (w.Value / total).ToString("0.#%", CultureInfo.InvariantCulture),
            ]));
        }

        writer.WriteLine($"balancing: {traffic.Balancing}");
    }
}
