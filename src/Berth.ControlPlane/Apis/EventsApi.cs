using System.Globalization;
using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Security.Limits;
using Berth.Core.Events;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>GET /v1/apps/{id}/events</c>: what happened to the app, oldest first. Without <c>after</c> it gives the latest
/// events; with <c>?after=SEQ&amp;wait=30s</c> it waits for events after that sequence (the last one is in
/// <c>X-Berth-Index</c>), which is how <c>berth events -f</c> follows them.
/// </summary>
internal static class EventsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/apps/{id}/events", ListAsync);
        return v1;
    }

    private static async Task<Results<Ok<AppEventView[]>, ProblemHttpResult>> ListAsync(
        string id, long? after, string? wait, int? limit, HttpContext context, IEventStore events, AppEventRecorder recorder, TenantWaits waits, TimeProvider time)
    {
        var app = context.OwnedApp();
        // An app created again under the id of a deleted one never shows the old one's events.
        return await ReadAsync(id, after, wait, limit, context, events, recorder, waits, time, e => e.Time >= app.CreatedAt);
    }

    /// <summary>
    /// The events stored under <paramref name="key"/> as the query asks (latest, or after a sequence and waiting for
    /// them), those <paramref name="shown"/> keeps, with the last sequence read in <c>X-Berth-Index</c>.
    /// </summary>
    internal static async Task<Results<Ok<AppEventView[]>, ProblemHttpResult>> ReadAsync(
        string key, long? after, string? wait, int? limit, HttpContext context, IEventStore events, AppEventRecorder recorder, TenantWaits waits,
        TimeProvider time, Func<AppEvent, bool> shown)
    {
        if (after is < 0 || limit is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"after must be a sequence number (0 or more) and limit between 1 and {MaxLimit}");
        }

        if (!ConfigApi.TryParseWait(wait, out var duration) || wait is not null && after is null)
        {
            return Problems.BadRequest("wait must be a duration such as 30s or 2m, at most 5m, and comes with after=SEQ");
        }

        var tenant = Caller.From(context.User).Tenant;
        using var lease = wait is null ? null : waits.TryEnter(tenant);
        if (wait is not null && lease is null)
        {
            return Problems.TooManyWaits(tenant, waits.Limit);
        }

        var count = limit ?? DefaultLimit;
        var cancellationToken = context.RequestAborted;
        var found = after is { } from
            ? await events.ListEventsAsync(key, from, count, cancellationToken)
            : await events.ListLatestEventsAsync(key, count, cancellationToken);
        var deadline = time.GetUtcNow() + duration;
        while (found.Count == 0 && wait is not null && time.GetUtcNow() < deadline)
        {
            // Woken by this process's events at once; the store is read every second for other control planes' events.
            var left = deadline - time.GetUtcNow();
            await recorder.WaitForNextAsync(left < PollEvery ? left : PollEvery, cancellationToken);
            found = await events.ListEventsAsync(key, after!.Value, count, cancellationToken);
        }

        var views = found.Where(shown).Select(AppEventView.From).ToArray();
        var index = found.Count > 0 ? found[^1].Sequence : after ?? 0;
        context.Response.Headers[ConfigApi.IndexHeader] = index.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(views);
    }
}
