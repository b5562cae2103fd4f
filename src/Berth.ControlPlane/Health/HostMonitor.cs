using System.Collections.Concurrent;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Hosts;
using Berth.Core.State;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Health;

/// <summary>
/// Pings each host's engine on an interval. A host that misses <see cref="SelfHealingOptions.HeartbeatMisses"/> in a
/// row is marked down (<see cref="HostDown"/>); when it answers again it is cleaned and marked up (<see cref="HostBackUp"/>).
/// A host that answers has its taken ports surveyed when due (<see cref="TakenPortSurvey"/>).
/// </summary>
internal sealed class HostMonitor(
    IStateStore store,
    IHostStatusStore status,
    HostEngines hosts,
    HostDown hostDown,
    HostBackUp hostBackUp,
    TakenPortSurvey portSurvey,
    IOptions<BerthOptions> options,
    TimeProvider time) : ILeaderWork
{
    private readonly ConcurrentDictionary<string, int> _misses = new();

    private SelfHealingOptions Healing => options.Value.Healing;

    public string Name => "host monitor";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var down = await status.ListDownHostsAsync(cancellationToken);
            var hostList = (await store.ListHostUsageAsync(cancellationToken)).Select(u => u.Host).ToList();
            await Task.WhenAll(hostList.Select(host => BeatAsync(host, down.ContainsKey(host.Name), cancellationToken)));
            await Task.Delay(Healing.HeartbeatInterval, time, cancellationToken);
        }
    }

    private async Task BeatAsync(Host host, bool isDown, CancellationToken cancellationToken)
    {
        if (await EnginePing.AnswersAsync(hosts.For(host), Healing.HeartbeatTimeout, cancellationToken))
        {
            _misses[host.Name] = 0;
            if (isDown)
            {
                await hostBackUp.MarkAsync(host, cancellationToken);
            }

            await portSurvey.SurveyIfDueAsync(host, cancellationToken);

            return;
        }

        var missed = _misses.AddOrUpdate(host.Name, 1, (_, n) => n + 1);
        if (!isDown && missed >= Healing.HeartbeatMisses)
        {
            await hostDown.MarkAsync(host, missed, cancellationToken);
        }
    }
}
