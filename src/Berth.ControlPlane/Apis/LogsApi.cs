using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Logs;
using Berth.ControlPlane.Security.Limits;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>GET /v1/apps/{id}/logs?follow=true&amp;tail=N&amp;instance=ID</c>: the app's container logs as plain text, one
/// <c>[instance] line</c> per line, including the last lines of instances that failed to start. Following, the
/// response stays open and new lines arrive as they are written.
/// </summary>
internal static class LogsApi
{
    public const int DefaultTail = 100;
    public const int MaxTail = 10_000;

    public static RouteGroupBuilder MapLogsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/apps/{id}/logs", StreamAsync);
        return v1;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> StreamAsync(
        string id, bool? follow, int? tail, string? instance, HttpContext context, IStateStore store, IEventStore events, AppLogStreamer streamer, TenantWaits waits)
    {
        var app = context.OwnedApp();

        if (tail is < 0 or > MaxTail)
        {
            return Problems.BadRequest($"tail must be between 0 and {MaxTail}");
        }

        if (instance is not null && !await KnowsInstanceAsync(id, instance, store, events, context.RequestAborted))
        {
            return Problems.NotFound($"app '{id}' has no instance '{instance}'");
        }

        var following = follow ?? false;
        var tenant = Caller.From(context.User).Tenant;
        using var lease = following ? waits.TryEnter(tenant) : null;
        if (following && lease is null)
        {
            return Problems.TooManyWaits(tenant, waits.Limit);
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        // Headers go out now, so a follower sees the stream open even before the first line.
        await context.Response.StartAsync(context.RequestAborted);
        try
        {
            await foreach (var line in streamer.ReadAsync(app, new AppLogQuery(tail ?? DefaultTail, following, instance), context.RequestAborted))
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                if (following)
                {
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client stopped following.
        }

        return TypedResults.Empty;
    }

    /// <summary>A current instance, or one whose failure is still among the app's events.</summary>
    private static async Task<bool> KnowsInstanceAsync(string appId, string instanceId, IStateStore store, IEventStore events, CancellationToken cancellationToken) =>
        (await store.ListInstancesAsync(appId, cancellationToken)).Any(i => i.Id == instanceId)
        || (await events.ListLatestEventsAsync(appId, EventsApi.MaxLimit, cancellationToken)).Any(e => e.InstanceId == instanceId);
}
