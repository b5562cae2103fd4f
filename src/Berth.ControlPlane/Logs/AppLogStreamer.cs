using Berth.ControlPlane.Deployments;
using System.Runtime.CompilerServices;
using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;

namespace Berth.ControlPlane.Logs;

/// <summary>
/// An app's logs from every instance, each line tagged with its instance: first the lines kept with the events of
/// instances that failed (their containers are gone), then the containers' own. Following, it attaches to instances
/// that start later (replacements, restarts) and adds the lines of instances that fail meanwhile.
/// </summary>
internal sealed class AppLogStreamer(IStateStore store, IEventStore events, IContainerRuntimeFactory runtimes, TimeProvider time)
{
    private const int FailureEventsScanned = 200;
    /// <summary>Lines held for one follower; one that falls further behind is dropped.</summary>
    public const int FollowCapacity = 10_000;
    /// <summary>Lines one read without follow returns at most, over all instances: the latest ones.</summary>
    public const int MaxLines = 10_000;
    private static readonly TimeSpan FollowRefresh = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<AppLogLine> ReadAsync(App app, AppLogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var latest = await events.ListLatestEventsAsync(app.Id, FailureEventsScanned, cancellationToken);
        foreach (var line in FailureLines(latest, query))
        {
            yield return line;
        }

        if (!query.Follow)
        {
            var lines = new List<AppLogLine>();
            foreach (var instance in await LiveInstancesAsync(app, query, cancellationToken))
            {
                await foreach (var line in ReadInstanceAsync(instance, new LogRequest { Tail = query.Tail }, cancellationToken))
                {
                    lines.Add(line);
                }

                // Bounded however many instances the app has: at most twice the cap is held at once.
                if (lines.Count > MaxLines)
                {
                    lines = [.. lines.OrderBy(l => l.Time).TakeLast(MaxLines)];
                }
            }

            // Instances are read one after the other; the lines are shown in the order they were written.
            foreach (var line in lines.OrderBy(l => l.Time))
            {
                yield return line;
            }

            yield break;
        }

        await foreach (var line in FollowAsync(app, query, latest.Count > 0 ? latest[^1].Sequence : 0, cancellationToken))
        {
            yield return line;
        }
    }

    private async IAsyncEnumerable<AppLogLine> FollowAsync(
        App app, AppLogQuery query, long seenSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new FollowBuffer(FollowCapacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = WatchAsync(app, query, seenSequence, buffer, stop);
        try
        {
            await foreach (var line in buffer.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }

            if (buffer.Dropped)
            {
                yield return new AppLogLine("berth", time.GetUtcNow(), $"log follow ended: this reader fell {buffer.Capacity} lines behind; follow again (with a smaller --tail) to go on");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watcher.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Attaches a reader to every live container not read yet, and passes on new failures' lines, until cancelled.</summary>
    private async Task WatchAsync(App app, AppLogQuery query, long seenSequence, FollowBuffer buffer, CancellationTokenSource stop)
    {
        var cancellationToken = stop.Token;
        // Containers read before: a restarted one is followed again from its new lines only.
        var reading = new Dictionary<string, Task>();
        var first = true;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var instance in await LiveInstancesAsync(app, query, cancellationToken))
                {
                    var containerId = instance.ContainerId!;
                    if (reading.TryGetValue(containerId, out var task) && !task.IsCompleted)
                    {
                        continue;
                    }

                    // The first look shows the tail; containers met later are new, and all their lines are news.
                    var request = new LogRequest { Follow = true, Tail = reading.ContainsKey(containerId) ? 0 : first ? query.Tail : null };
                    reading[containerId] = PumpAsync(instance, request, buffer, stop);
                }

                first = false;
                foreach (var failure in await events.ListEventsAsync(app.Id, seenSequence, FailureEventsScanned, cancellationToken))
                {
                    seenSequence = failure.Sequence;
                    foreach (var line in FailureLines([failure], query))
                    {
                        if (!buffer.Offer(line))
                        {
                            await stop.CancelAsync();
                        }
                    }
                }

                await Task.Delay(FollowRefresh, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reader went away.
        }
        finally
        {
            await Task.WhenAll(reading.Values).ContinueWith(_ => { }, TaskScheduler.Default);
            buffer.Complete();
        }
    }

    private async Task PumpAsync(Instance instance, LogRequest request, FollowBuffer buffer, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var line in ReadInstanceAsync(instance, request, stop.Token))
            {
                if (!buffer.Offer(line))
                {
                    // The follower is dropped: stop reading every container for it.
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine that stops answering ends this instance's lines; the next look attaches again.
        }
    }

    private async IAsyncEnumerable<AppLogLine> ReadInstanceAsync(Instance instance, LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await store.GetHostAsync(instance.HostName, cancellationToken) is not { } host || runtimes.For(host) is not IContainerLogs logs)
        {
            yield break;
        }

        await foreach (var line in logs.ReadLogsAsync(instance.ContainerId!, request, cancellationToken))
        {
            yield return new AppLogLine(instance.Id, line.Time, line.Text);
        }
    }

    private async Task<List<Instance>> LiveInstancesAsync(App app, AppLogQuery query, CancellationToken cancellationToken) =>
        (await store.ListInstancesAsync(app.Id, cancellationToken))
            .Where(i => i.ContainerId is not null && (query.InstanceId is null || i.Id == query.InstanceId))
            .ToList();

    /// <summary>The kept lines of failed instances, the last <see cref="AppLogQuery.Tail"/> of each event.</summary>
    private static IEnumerable<AppLogLine> FailureLines(IEnumerable<AppEvent> appEvents, AppLogQuery query) =>
        appEvents
            .Where(e => e.Logs.Count > 0 && e.InstanceId is not null && (query.InstanceId is null || e.InstanceId == query.InstanceId))
            .SelectMany(e => e.Logs.TakeLast(query.Tail).Select(text => new AppLogLine(e.InstanceId!, e.Time, text)));
}
