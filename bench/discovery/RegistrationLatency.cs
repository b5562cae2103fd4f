using System.Collections.Concurrent;
using System.Diagnostics;
using Berth.Core.Discovery;
using Berth.Discovery;

namespace Berth.Bench.Discovery;

/// <summary>Registers instances one at a time and times each until the watcher of the app's prefix sees it.</summary>
internal static class RegistrationLatency
{
    private const int WarmUp = 100;

    public static async Task<Measurement> MeasureAsync(Backend backend, int changes)
    {
        var app = $"bench-{Guid.NewGuid():N}"[..18];
        var registry = new ServiceRegistry(backend.Registrar);
        var pending = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
        using var stop = new CancellationTokenSource();
        var start = (await backend.Watcher.GetPrefixAsync(ServiceKeys.AppPrefix(app), stop.Token)).Revision;
        var watching = WatchAsync(backend.Watcher, ServiceKeys.AppPrefix(app), start, pending, stop.Token);
        var latencies = new List<double>(changes);
        try
        {
            for (var i = 0; i < WarmUp + changes; i++)
            {
                var container = $"c{i:D5}";
                var seen = pending[ServiceKeys.Address(app, "v1", container)] =
                    new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                var before = Stopwatch.GetTimestamp();
                await registry.RegisterAsync(app, "v1", container, $"10.1.{i / 250}.{i % 250}:8080");
                var after = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
                if (i >= WarmUp)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(before, after).TotalMilliseconds);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watching;
            await registry.DeregisterAppAsync(app);
        }

        latencies.Sort();
        return new Measurement(backend.Name, latencies);
    }

    private static async Task WatchAsync(
        IDiscoveryStore watcher, string prefix, long afterRevision, ConcurrentDictionary<string, TaskCompletionSource<long>> pending, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in watcher.WatchAsync(prefix, afterRevision, cancellationToken))
            {
                var now = Stopwatch.GetTimestamp();
                if (change.Type == DiscoveryEventType.Put && pending.TryRemove(change.Key, out var seen))
                {
                    seen.TrySetResult(now);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Done measuring.
        }
    }
}
