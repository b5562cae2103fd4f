using Berth.Core.Discovery;
using Berth.Discovery.Sleep;
using Berth.Gateway.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Wake;

/// <summary>
/// Requests for sleeping apps, held while the control plane wakes them. The first request held for an app asks for the
/// wake by writing <c>/caas/wake/{appId}</c> (only the leader acts on it); each route table published afterwards is
/// looked at: once the app's route has instances the held requests go on, oldest first; a failed wake newer than the
/// hold answers them all at once. Each request waits at most <see cref="GatewayOptions.WakeTimeout"/>, and an app holds
/// at most <see cref="GatewayOptions.WakeHoldLimit"/>. Nothing here runs for an app that is awake.
/// </summary>
internal sealed partial class WakeHolds(
    RouteTableUpdater routes, IDiscoveryStore store, IOptions<GatewayOptions> options, TimeProvider time, ILogger<WakeHolds> logger)
{
    private static readonly string Asker = $"gateway {Environment.MachineName} pid {Environment.ProcessId}";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AppHold> _holds = new(StringComparer.OrdinalIgnoreCase);
    private bool _watching;

    /// <summary>Holds a request for the sleeping app of <paramref name="route"/> until it wakes, its wake fails, the time is up or the client leaves.</summary>
    public async ValueTask<WakeOutcome> HoldAsync(AppRoute route, CancellationToken clientGone)
    {
        var waiter = new TaskCompletionSource<WakeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkedListNode<TaskCompletionSource<WakeOutcome>> node;
        AppHold? hold;
        bool first, watch;
        lock (_gate)
        {
            first = !_holds.TryGetValue(route.AppId, out hold);
            if (hold is null)
            {
                hold = new AppHold(route.Sleep?.Failure is null ? 0 : route.Sleep.Revision);
                _holds[route.AppId] = hold;
            }

            if (hold.Waiters.Count >= options.Value.WakeHoldLimit)
            {
                return new WakeOutcome(WakeResult.Full);
            }

            node = hold.Waiters.AddLast(waiter);

            // The table may have changed since the session read it; a watch already running looks only at later ones.
            Settle(routes.Current);
            if (waiter.Task.IsCompleted)
            {
                return waiter.Task.Result;
            }

            watch = !_watching;
            _watching = true;
        }

        if (first)
        {
            await AskAsync(route.AppId).ConfigureAwait(false);
        }

        if (watch)
        {
            _ = WatchTablesAsync();
        }

        try
        {
            return await waiter.Task.WaitAsync(options.Value.WakeTimeout, time, clientGone).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    hold.Waiters.Remove(node);
                }

                if (hold.Waiters.Count == 0 && _holds.GetValueOrDefault(route.AppId) == hold)
                {
                    _holds.Remove(route.AppId);
                }
            }

            // The wake may have finished in the same instant: its answer wins.
            return waiter.Task.IsCompletedSuccessfully ? waiter.Task.Result
                : e is TimeoutException ? new WakeOutcome(WakeResult.TimedOut) : new WakeOutcome(WakeResult.ClientGone);
        }
    }

    /// <summary>Writes the wake request; a gateway whose discovery user may not write it leaves its requests to time out.</summary>
    private async Task AskAsync(string appId)
    {
        try
        {
            await store.PutAsync(SleepKeys.Wake(appId), Asker, CancellationToken.None).ConfigureAwait(false);
            LogAsked(logger, appId);
        }
        catch (Exception e)
        {
            LogAskFailed(logger, e, appId);
        }
    }

    /// <summary>Looks at every table published while requests are held; ends when none is.</summary>
    private async Task WatchTablesAsync()
    {
        try
        {
            while (true)
            {
                // Taken before the current table is read, so a table published in between is not missed.
                var next = routes.NextTableAsync();
                lock (_gate)
                {
                    Settle(routes.Current);
                    if (_holds.Count == 0)
                    {
                        _watching = false;
                        return;
                    }
                }

                await next.ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            LogWatchFailed(logger, e);
            lock (_gate)
            {
                _watching = false;
                foreach (var hold in _holds.Values)
                {
                    hold.Release(new WakeOutcome(WakeResult.Failed, "the gateway stopped following discovery"));
                }

                _holds.Clear();
            }
        }
    }

    /// <summary>Releases every hold the table settles: instances to go to, or a wake that failed after the hold began.</summary>
    private void Settle(RouteTable table)
    {
        List<string>? settled = null;
        foreach (var (appId, hold) in _holds)
        {
            var outcome = !table.TryGetRoute(appId, out var route) ? new WakeOutcome(WakeResult.Failed, "the app no longer exists")
                : route.Destinations.Count > 0 ? new WakeOutcome(WakeResult.Awake)
                : route.Sleep is { Failure: { } reason } mark && mark.Revision > hold.FailureSeen ? new WakeOutcome(WakeResult.Failed, reason)
                : (WakeOutcome?)null;
            if (outcome is { } done)
            {
                hold.Release(done);
                (settled ??= []).Add(appId);
            }
        }

        foreach (var appId in settled ?? [])
        {
            _holds.Remove(appId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked the control plane to wake {AppId}")]
    private static partial void LogAsked(ILogger logger, string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the control plane to wake {AppId}; its held requests will time out")]
    private static partial void LogAskFailed(ILogger logger, Exception exception, string appId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Following route tables for held requests failed")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}
