using System.Threading.Channels;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Discovery;
using Berth.Discovery.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Tests;

/// <summary>The leader gate's logic with a hand-written election: background work runs only while leading.</summary>
public sealed class ReconcileLeaderGateTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Gate_NoElectionRegistered_RunsTheWorkAtOnce()
    {
        var work = new RecordingWork();
        var gate = Gate(work, new ServiceCollection().BuildServiceProvider());

        await gate.StartAsync(CancellationToken.None);
        await work.Started.Reader.ReadAsync().AsTask().WaitAsync(Limit);

        Assert.True(gate.IsLeading);
        Assert.False(gate.Elects);
        Assert.Equal(["recording"], gate.RunningWork);
        Assert.Equal(gate.Candidate, await gate.LeaderAsync(CancellationToken.None));
        await gate.StopAsync(CancellationToken.None);
        await work.Stopped.Reader.ReadAsync().AsTask().WaitAsync(Limit);
    }

    [Fact]
    public async Task Gate_WithElection_RunsOnlyWhileLeadingAndCampaignsAgainWhenLost()
    {
        var work = new RecordingWork();
        var election = new ScriptedElection();
        var gate = Gate(work, new ServiceCollection().AddSingleton<ILeaderElection>(election).BuildServiceProvider());
        await gate.StartAsync(CancellationToken.None);

        var first = await election.Campaigns.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        await Task.Delay(200);
        Assert.False(work.Started.Reader.TryRead(out _));
        Assert.Empty(gate.RunningWork);
        Assert.Equal(LeaderGate.ElectionName, first.Election);
        Assert.Equal(gate.Candidate, first.Candidate);

        var lost = new CancellationTokenSource();
        first.Grant.SetResult(new Leadership(gate.Candidate, lost.Token));
        await work.Started.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        Assert.True(gate.IsLeading);
        Assert.Equal(["recording"], gate.RunningWork);

        await lost.CancelAsync();
        await work.Stopped.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        var second = await election.Campaigns.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        Assert.False(gate.IsLeading);
        Assert.Empty(gate.RunningWork);

        await gate.StopAsync(CancellationToken.None);
        Assert.True(second.Cancelled.IsCancellationRequested);
    }

    [Fact]
    public async Task LeaderAsync_TwoGatesOnOneStore_BothNameTheLeaderAndTheOtherOnceItStops()
    {
        var store = new EmbeddedDiscoveryStore();
        var services = new ServiceCollection().AddSingleton<IDiscoveryStore>(store).AddSingleton<ILeaderElection>(store).BuildServiceProvider();
        var (firstWork, secondWork) = (new RecordingWork(), new RecordingWork());
        var first = Gate(firstWork, services);
        var second = Gate(secondWork, services);
        await first.StartAsync(CancellationToken.None);
        await firstWork.Started.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        await second.StartAsync(CancellationToken.None);

        Assert.True(first.Elects);
        Assert.Equal(first.Candidate, await first.LeaderAsync(CancellationToken.None));
        Assert.Equal(first.Candidate, await second.LeaderAsync(CancellationToken.None));
        Assert.Empty(second.RunningWork);

        // A clean stop resigns: the other leads at once, without waiting for the lease to run out.
        await first.StopAsync(CancellationToken.None);
        await secondWork.Started.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        Assert.Equal(second.Candidate, await second.LeaderAsync(CancellationToken.None));
        Assert.Equal(["recording"], second.RunningWork);
        await second.StopAsync(CancellationToken.None);
    }

    private static LeaderGate Gate(ILeaderWork work, IServiceProvider services) =>
        new([work], new ControlPlaneScope(Alone: false), services, Options.Create(new BerthOptions()), TimeProvider.System, NullLogger<LeaderGate>.Instance);

    private sealed class RecordingWork : ILeaderWork
    {
        public Channel<bool> Started { get; } = Channel.CreateUnbounded<bool>();

        public Channel<bool> Stopped { get; } = Channel.CreateUnbounded<bool>();

        public string Name => "recording";

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Started.Writer.TryWrite(true);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Stopped.Writer.TryWrite(true);
            }
        }
    }

    private sealed record Campaign(string Election, string Candidate, TaskCompletionSource<ILeadership> Grant, CancellationToken Cancelled);

    /// <summary>Each campaign waits until the test grants it.</summary>
    private sealed class ScriptedElection : ILeaderElection
    {
        public Channel<Campaign> Campaigns { get; } = Channel.CreateUnbounded<Campaign>();

        public async Task<ILeadership> CampaignAsync(string election, string candidate, TimeSpan ttl, CancellationToken cancellationToken)
        {
            var grant = new TaskCompletionSource<ILeadership>(TaskCreationOptions.RunContinuationsAsynchronously);
            Campaigns.Writer.TryWrite(new Campaign(election, candidate, grant, cancellationToken));
            return await grant.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class Leadership(string candidate, CancellationToken lost) : ILeadership
    {
        public string Candidate => candidate;

        public CancellationToken Lost => lost;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
