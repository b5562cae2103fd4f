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
        Option<bool> follow = Follow();
        Option<bool> json = CommonOptions.Json();
        var events = new Command("events", "Show what happened to an app: instances started, unhealthy, restarted, replaced, removed, hosts down …")
        {
            app, follow, json,
        };
        context.SetAction(events, call =>
        {
            string id = call.ParseResult.GetRequiredValue(app);
            return ShowAsync(call, (after, wait) => call.Api.ListEventsAsync(id, after, wait, call.CancellationToken), follow, json, e => e.InstanceId);
        });
        return [events];
    }

    /// <summary>The <c>-f</c> option of an events command.</summary>
    public static Option<bool> Follow() => new("--follow", "-f") { Description = "Keep printing new events as they happen, until Ctrl-C" };

    /// <summary>
    /// Prints the latest events <paramref name="list"/> reads (given after and wait), then with <paramref name="follow"/>
    /// the next ones as they come; <paramref name="subject"/> is the column beside the type (instance, host).
    /// </summary>
    public static async Task<int> ShowAsync(
        ClientInvocation call,
        Func<long?, string?, Task<ApiResponse<IReadOnlyList<AppEventView>>>> list,
        Option<bool> follow,
        Option<bool> json,
        Func<AppEventView, string?> subject)
    {
        bool asJson = call.ParseResult.GetValue(json);
        ApiResponse<IReadOnlyList<AppEventView>> response = await list(null, null);
        long last = await WriteAsync(call.Out, response, asJson, 0, subject);
        while (call.ParseResult.GetValue(follow))
        {
            response = await list(last, FollowWait);
            last = await WriteAsync(call.Out, response, asJson, last, subject);
        }

        return 0;
    }

    /// <summary>Prints the events (or the API's JSON); returns the sequence to follow from.</summary>
    private static async Task<long> WriteAsync(
        TextWriter writer, ApiResponse<IReadOnlyList<AppEventView>> response, bool asJson, long last, Func<AppEventView, string?> subject)
    {
        if (asJson)
        {
            await writer.WriteLineAsync(response.Json);
        }

        foreach (AppEventView appEvent in response.Value)
        {
            if (!asJson)
            {
                await writer.WriteLineAsync($"{Display.Time(appEvent.Time)}  {appEvent.Type,-21}  {Display.OrNone(subject(appEvent)),-12}  {appEvent.Message}");
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
