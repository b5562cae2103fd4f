using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth stats APP [--window minute|hour]</c>: an app's traffic as all gateways together saw it.</summary>
internal static class StatsCommands
{
    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var window = new Option<string>("--window") { Description = "How far back to count", DefaultValueFactory = _ => "minute" };
        window.AcceptOnlyFromAmong("minute", "hour");
        var stats = new Command("stats", "Show an app's traffic: requests, responses by status class, bytes and latency, per instance and in total")
        {
            app, window,
        };
        context.SetAnswerAction(
            stats,
            call => call.Api.GetStatsAsync(call.ParseResult.GetRequiredValue(app), call.ParseResult.GetRequiredValue(window), call.CancellationToken),
            (call, view) =>
            {
                call.Out.WriteLine($"{view.AppId} over the last {view.Window}, from {view.Gateways} gateway(s)");
                TablePrinter.Write(
                    call.Out,
                    ["INSTANCE", "VERSION", "ADDRESS", "REQUESTS", "1XX", "2XX", "3XX", "4XX", "5XX", "IN", "OUT", "P50", "P90", "P99"],
                    [
                        .. view.Instances.Select(i => Row(Display.ShortId(i.Instance), i.Version, i.Address, i.Traffic)),
                        Row("total", "", "", view.Total),
                    ]);
                if (view.UnreachableGateways.Count > 0)
                {
                    call.Error.WriteLine($"warning: not counted, as they did not answer: {string.Join(", ", view.UnreachableGateways)}");
                }
            });
        return [stats];
    }

    private static IReadOnlyList<string> Row(string instance, string version, string address, TrafficTotalsView traffic) =>
    [
        instance,
        version,
        address,
        Display.Number(traffic.Requests),
        Display.Number(traffic.Responses.Informational),
        Display.Number(traffic.Responses.Success),
        Display.Number(traffic.Responses.Redirection),
        Display.Number(traffic.Responses.ClientError),
        Display.Number(traffic.Responses.ServerError),
        Display.Bytes(traffic.BytesIn),
        Display.Bytes(traffic.BytesOut),
        Display.Milliseconds(traffic.Latency.P50Ms),
        Display.Milliseconds(traffic.Latency.P90Ms),
        Display.Milliseconds(traffic.Latency.P99Ms),
    ];
}
