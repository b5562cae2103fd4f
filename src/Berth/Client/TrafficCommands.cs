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
        Option<bool> json = CommonOptions.Json();
        var command = new Command("set", "Replace the app's traffic policy: weights per version and/or the balancing policy") { app, weights, balancing, json };
        command.Validators.Add(result =>
        {
            // Tokens, not values: a weight that did not parse has its own error already.
            if (result.GetResult(weights) is not { Tokens.Count: > 0 } && result.GetResult(balancing) is null)
            {
                result.AddError("give weights (such as v1=90 v2=10), --balancing, or both; 'berth traffic clear' goes back to the defaults");
            }
        });
        context.SetAction(command, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            ApiResponse<TrafficView> set = await call.Api.SetTrafficAsync(
                appId, call.ParseResult.GetRequiredValue(weights), call.ParseResult.GetValue(balancing), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(set.Json);
                return 0;
            }

            await call.Out.WriteLineAsync($"Traffic of {appId} set; gateways apply it within a second.");
            Write(call.Out, set.Value);
            return 0;
        });
        return command;
    }

    private static Command Show(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("show", "Show the app's traffic split and balancing policy") { app, json };
        context.SetAction(command, async call =>
        {
            ApiResponse<TrafficView> response = await call.Api.GetTrafficAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            Write(call.Out, response.Value);
            return 0;
        });
        return command;
    }

    private static Command Clear(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("clear", "Go back to the defaults: the active version takes all traffic, round robin") { app };
        context.SetAction(command, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            await call.Api.ClearTrafficAsync(appId, call.CancellationToken);
            await call.Out.WriteLineAsync($"Traffic of {appId} cleared: the active version takes it all.");
            return 0;
        });
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
