using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth events APP [-f]</c>: what happened to an app, and with <c>-f</c> what happens next.</summary>
internal static class EventsCommands
{
    /// <summary>How long one follow request waits for news before asking again.</summary>
    private const string FollowWait = "30s";

    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Option<bool> follow = new("--follow", "-f") { Description = "Keep printing new events as they happen, until Ctrl-C" };
        Option<bool> json = CommonOptions.Json();
        var events = new Command("events", "Show what happened to an app: instances started, unhealthy, restarted, replaced, removed, hosts down …")
        {
            app, follow, json,
        };
        context.SetAction(events, async call =>
        {
            string id = call.ParseResult.GetRequiredValue(app);
            bool asJson = call.ParseResult.GetValue(json);
            ApiResponse<IReadOnlyList<AppEventView>> response = await call.Api.ListEventsAsync(id, after: null, wait: null, call.CancellationToken);
            long last = await WriteAsync(call.Out, response, asJson, 0);
            while (call.ParseResult.GetValue(follow))
            {
                response = await call.Api.ListEventsAsync(id, last, FollowWait, call.CancellationToken);
                last = await WriteAsync(call.Out, response, asJson, last);
            }

            return 0;
        });
        return [events];
    }

    /// <summary>Prints the events (or the API's JSON); returns the sequence to follow from.</summary>
    private static async Task<long> WriteAsync(TextWriter writer, ApiResponse<IReadOnlyList<AppEventView>> response, bool asJson, long last)
    {
        if (asJson)
        {
            await writer.WriteLineAsync(response.Json);
        }

        foreach (AppEventView appEvent in response.Value)
        {
            if (!asJson)
            {
                await writer.WriteLineAsync($"{Display.Time(appEvent.Time)}  {appEvent.Type,-21}  {Display.OrNone(appEvent.InstanceId),-12}  {appEvent.Message}");
                foreach (string line in appEvent.Logs ?? [])
                {
                    await writer.WriteLineAsync($"    | {line}");
                }
            }

            last = Math.Max(last, appEvent.Sequence);
        }

        await writer.FlushAsync();
        return last;
    }
}
