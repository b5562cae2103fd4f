using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// Reads every running instance's CPU and memory from its engine each <see cref="MetricsOptions.Interval"/> into
/// <see cref="InstanceMetrics"/>. An instance whose reading fails keeps its last one for that round.
/// </summary>
internal sealed partial class MetricsSampler(
    IStateStore store,
    IContainerRuntimeFactory runtimes,
    InstanceMetrics metrics,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<MetricsSampler> logger) : ILeaderWork
{
    // Each reading takes about a second (the engine waits for a second CPU sample), so they run side by side.
    private const int Parallelism = 16;

    public string Name => "metrics sampler";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await SampleAsync(cancellationToken);
            await Task.Delay(options.Value.Metrics.Interval, time, cancellationToken);
        }
    }

    /// <summary>One round: every running instance's usage, then the table swapped whole.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var instances = (await store.ListInstancesAsync(null, cancellationToken))
            .Where(i => i is { State: InstanceState.Running, ContainerId: not null })
            .ToList();
        var hosts = (await store.ListHostUsageAsync(cancellationToken)).ToDictionary(h => h.Host.Name, h => h.Host);
        var readings = new System.Collections.Concurrent.ConcurrentBag<InstanceReading>();
        await Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (instance, token) =>
        {
            if (!hosts.TryGetValue(instance.HostName, out var host) || runtimes.For(host) is not IContainerStats stats)
            {
                return;
            }

            try
            {
                if (await stats.GetUsageAsync(instance.ContainerId!, token) is { } usage)
                {
                    readings.Add(new InstanceReading(instance.Id, instance.AppId, instance.Version, instance.HostName, usage));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed reading keeps the last one: a busy engine should not blank an instance's figures.
                if (metrics.For(instance.Id) is { } last)
                {
                    readings.Add(new InstanceReading(instance.Id, instance.AppId, instance.Version, instance.HostName, last));
                }

                LogUnreadable(logger, instance.Id, instance.HostName, e.Message);
            }
        });
        metrics.Replace(readings, time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stats of {Instance} on {Host} unreadable: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string instance, string host, string reason);
}
