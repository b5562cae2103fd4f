using System.CommandLine;
using System.Globalization;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth autoscale set|show|off APP</c>: instances that follow the load, down to none for an idle app with --min 0.</summary>
internal static class AutoscaleCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var autoscale = new Command("autoscale", "Let Berth set an app's instance count from its load (and put it to sleep when idle, with --min 0)");
        autoscale.Subcommands.Add(Set(context));
        autoscale.Subcommands.Add(Show(context));
        autoscale.Subcommands.Add(Off(context));
        return [autoscale];
    }

    private static Command Set(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var min = new Option<int>("--min") { Description = "The fewest instances; 0 lets the app sleep when idle", Required = true };
        var max = new Option<int>("--max") { Description = "The most instances", Required = true };
        var rps = new Option<double?>("--rps") { Description = "Target requests per second per instance", HelpName = "N" };
        var cpu = new Option<double?>("--cpu") { Description = "Target mean CPU % (100 is one CPU busy)", HelpName = "PERCENT" };
        var p99 = new Option<double?>("--p99") { Description = "Target p99 latency in milliseconds", HelpName = "MS" };
        var idle = new Option<int?>("--idle")
        {
            Description = "With --min 0: how long without a request before the app sleeps, such as 300s or 5m [default: 300s]",
            HelpName = "DURATION",
            CustomParser = result =>
            {
                if (IdleDuration.TryParse(result.Tokens[0].Value, out var seconds))
                {
                    return seconds;
                }

                result.AddError($"--idle takes a duration such as 300s, 5m or 1h, not '{result.Tokens[0].Value}'");
                return null;
            },
        };
        var command = new Command("set", "Set the app's autoscale policy: bounds and one target (--rps, --cpu or --p99)") { app, min, max, rps, cpu, p99, idle };
        context.SetAnswerAction(
            command,
            call =>
            {
                var (r, c, p) = (call.ParseResult.GetValue(rps), call.ParseResult.GetValue(cpu), call.ParseResult.GetValue(p99));
                if (new[] { r, c, p }.Count(v => v is not null) != 1)
                {
                    throw new UsageException("give exactly one target: --rps, --cpu or --p99");
                }

                var request = new AutoscaleRequest(
                    call.ParseResult.GetValue(min), call.ParseResult.GetValue(max), new AutoscaleTarget(r, c, p), call.ParseResult.GetValue(idle));
                return call.Api.SetAutoscaleAsync(call.ParseResult.GetRequiredValue(app), request, call.CancellationToken);
            },
            (call, set) => Write(call.Out, set));
        return command;
    }

    private static Command Show(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("show", "Print the app's autoscale policy and whether it sleeps") { app };
        context.SetAnswerAction(command, call => call.Api.GetAutoscaleAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), (call, view) => Write(call.Out, view));
        return command;
    }

    private static Command Off(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("off", "Stop autoscaling the app; its count stays where it is (a sleeping app gets one instance)") { app };
        context.SetAnswerAction(
            command,
            call => Removed.AfterAsync(call.Api.DeleteAutoscaleAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), "autoscale policy", ("app", call.ParseResult.GetRequiredValue(app))),
            (call, _) => call.Out.WriteLine($"Autoscaling of {call.ParseResult.GetRequiredValue(app)} is off."));
        return command;
    }

    private static void Write(TextWriter writer, AutoscaleView view)
    {
        var target = view.Target switch
        {
            { RequestsPerSecondPerInstance: { } rps } => string.Create(CultureInfo.InvariantCulture, $"{rps:0.##} requests/s per instance"),
            { CpuPercent: { } cpu } => string.Create(CultureInfo.InvariantCulture, $"{cpu:0.##} % CPU"),
            { P99Ms: { } p99 } => string.Create(CultureInfo.InvariantCulture, $"p99 {p99:0.##} ms"),
            _ => Display.None,
        };
        writer.WriteLine($"{view.AppId}: {view.Min}-{view.Max} instances, target {target}");
        if (view.IdleSeconds is { } idle)
        {
            writer.WriteLine($"  sleeps after {idle} s without a request{(view.Sleeping ? "; sleeping now" : "")}");
        }
    }
}
