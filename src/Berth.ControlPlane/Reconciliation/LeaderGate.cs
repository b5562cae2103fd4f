using System.Collections.Concurrent;
using Berth.Core.Discovery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>
/// Runs the <see cref="ILeaderWork"/>s only while this process leads: when an <see cref="ILeaderElection"/> is
/// registered and the state is shared (several control planes on one database and one etcd), it campaigns and stops
/// the work the moment leadership is lost; alone (embedded discovery) or without an election it runs the work all along.
/// </summary>
internal sealed partial class LeaderGate(
    IEnumerable<ILeaderWork> work,
    ControlPlaneScope scope,
    IServiceProvider services,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<LeaderGate> logger) : BackgroundService
{
    public const string ElectionName = "control-plane";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, byte> _running = new();

    /// <summary>This process's name in the election.</summary>
    public string Candidate { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Whether this process runs the leader work right now.</summary>
    public bool IsLeading { get; private set; }

    /// <summary>Whether this process campaigns for the work; false when it runs the work all along.</summary>
    public bool Elects => !scope.Alone && services.GetService<ILeaderElection>() is not null;

    /// <summary>The names of the leader work running in this process right now: none on a follower.</summary>
    public IReadOnlyList<string> RunningWork => [.. _running.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The candidate that leads now, as the election records it; this process when it does not campaign; null between leaders.</summary>
    public async Task<string?> LeaderAsync(CancellationToken cancellationToken)
    {
        if (!Elects)
        {
            return Candidate;
        }

        var key = DiscoveryKeys.Election(ElectionName);
        var entries = await services.GetRequiredService<IDiscoveryStore>().GetPrefixAsync(key, cancellationToken);
        return entries.Entries.FirstOrDefault(e => e.Key == key)?.Value;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (scope.Alone || services.GetService<ILeaderElection>() is not { } election)
        {
            await RunWorkAsync(stoppingToken);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leadership = await election.CampaignAsync(ElectionName, Candidate, options.Value.Healing.LeaderTtl, stoppingToken);
                LogElected(logger, Candidate);
                using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Lost);
                await RunWorkAsync(lost.Token);
                if (!stoppingToken.IsCancellationRequested)
                {
                    LogLost(logger, Candidate);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogCampaignFailed(logger, e);
                await Task.Delay(RetryDelay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunWorkAsync(CancellationToken cancellationToken)
    {
        // Every worker is listed before leading is announced, so a reader never sees a leader with part of its work:
        // workers start one after the other, and one may run a while before its first await.
        foreach (var worker in work)
        {
            _running[worker.Name] = 0;
        }

        IsLeading = true;
        try
        {
            await Task.WhenAll(work.Select(w => KeepRunningAsync(w, cancellationToken)));
        }
        finally
        {
            IsLeading = false;
            _running.Clear();
        }
    }

    /// <summary>A worker that fails unexpectedly is logged and started again: healing must not stop for good.</summary>
    private async Task KeepRunningAsync(ILeaderWork worker, CancellationToken cancellationToken)
    {
        // Yield first: one worker's synchronous start must not delay the others'.
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await worker.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogWorkFailed(logger, e, worker.Name);
                await Task.Delay(RetryDelay, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Candidate} leads the control planes")]
    private static partial void LogElected(ILogger logger, string candidate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Candidate} lost the leadership; background work stopped")]
    private static partial void LogLost(ILogger logger, string candidate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaigning for leadership failed; retrying")]
    private static partial void LogCampaignFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} failed; restarting it")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string worker);
}
