using System.Collections.Concurrent;
using System.Net;
using Berth.ControlPlane.Execution;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Health;

/// <summary>
/// Finds the ports of a host's managed range that something other than this installation holds — published by a
/// container Berth did not start (another installation on the same engine, one run by hand) or, on the host Berth
/// runs beside, a listening process — and blocks them, so the scheduler's snapshot counts them and reservations skip
/// them. Without it they are found at start, one failed attempt at a time. A block lasts three surveys and is renewed
/// while the port stays taken, so a port that frees up returns by itself. The try-the-next-port fallback of
/// <see cref="ContainerFactory"/> stays for the races between a survey and a start.
/// </summary>
internal sealed partial class TakenPortSurvey(
    HostEngines hosts,
    IBlockedPortStore blockedPorts,
    ClusterLabel cluster,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<TakenPortSurvey> logger)
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new();

    private TimeSpan Interval => options.Value.Healing.PortSurveyInterval;

    /// <summary>An interval of zero turns the survey off: taken ports are then found at start only.</summary>
    private bool Off => Interval <= TimeSpan.Zero;

    /// <summary>Surveys the host unless it was surveyed less than an interval ago (the heartbeat calls this).</summary>
    public Task SurveyIfDueAsync(Host host, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(host.Name, _ => new Gate());
        return Off || time.GetUtcNow() - gate.LastStarted < Interval ? Task.CompletedTask : SurveyAsync(host, cancellationToken);
    }

    /// <summary>Surveys the host when a container that is not this installation's started on its engine.</summary>
    public async Task NoticeStartAsync(Host host, ContainerEvent started, CancellationToken cancellationToken)
    {
        if (!Off && started.Action == "start" && started.Attributes.GetValueOrDefault(BerthLabels.Cluster) != await cluster.GetAsync(cancellationToken))
        {
            await SurveyAsync(host, cancellationToken);
        }
    }

    /// <summary>
    /// Surveys the host now. Requests that arrive while a survey runs are folded into one more survey after it, so a
    /// burst of engine events costs two surveys, and none is lost.
    /// </summary>
    public async Task SurveyAsync(Host host, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(host.Name, _ => new Gate());
        if (Interlocked.Increment(ref gate.Requests) != 1)
        {
            return;
        }

        try
        {
            int answered;
            do
            {
                answered = Volatile.Read(ref gate.Requests);
                gate.LastStarted = time.GetUtcNow();
                await SurveyOnceAsync(host, cancellationToken);
            }
            while (Interlocked.Add(ref gate.Requests, -answered) != 0);
        }
        catch
        {
            Interlocked.Exchange(ref gate.Requests, 0);
            throw;
        }
    }

    private async Task SurveyOnceAsync(Host host, CancellationToken cancellationToken)
    {
        if (hosts.For(host) is not IPublishedPorts engine)
        {
            return;
        }

        // Sockets first, then what is ours: a port an instance of ours listens on (through the engine's proxy) was
        // reserved before its container started, so the store read after the sockets names it, even while the
        // container is still starting and the engine does not list it as running yet. Only sockets need telling
        // apart from ours, so a survey that found none in the range skips the store.
        var listening = (host.Name == options.Value.LocalHostName ? ListeningSockets.Read() : [])
            .Where(s => InRange(host, s.Port) && Collides(s.Address.ToString(), host.AdvertiseIp))
            .ToList();
        var ours = listening.Count > 0 ? new HashSet<int>(await blockedPorts.ListHeldPortsAsync(host.Name, cancellationToken)) : [];
        var published = await engine.ListPublishedPortsAsync(cancellationToken);
        var clusterId = await cluster.GetAsync(cancellationToken);

        var taken = new Dictionary<int, string>();
        foreach (var port in published.Where(p => InRange(host, p.Port) && Collides(p.HostIp, host.AdvertiseIp)))
        {
            if (port.Labels.GetValueOrDefault(BerthLabels.Cluster) == clusterId)
            {
                ours.Add(port.Port);
            }
            else
            {
                taken.TryAdd(port.Port, $"published by container {port.ContainerId[..Math.Min(12, port.ContainerId.Length)]}, not this installation's");
            }
        }

        foreach (var socket in listening.Where(s => !ours.Contains(s.Port)))
        {
            taken.TryAdd(socket.Port, $"a process on the host listens on {socket}");
        }

        await BlockAsync(host, taken, cancellationToken);
    }

    /// <summary>Blocks each taken port unless a block covers it beyond the next survey already.</summary>
    private async Task BlockAsync(Host host, Dictionary<int, string> taken, CancellationToken cancellationToken)
    {
        if (taken.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var blocked = (await blockedPorts.ListBlockedPortsAsync(cancellationToken))
            .Where(b => b.HostName == host.Name)
            .ToDictionary(b => b.Port, b => b.Until);
        foreach (var (port, reason) in taken)
        {
            var until = blocked.GetValueOrDefault(port);
            if (until > now + Interval)
            {
                continue;
            }

            await blockedPorts.BlockPortAsync(new BlockedPort(host.Name, port, now + 3 * Interval, reason), cancellationToken);
            if (until == default)
            {
                LogTaken(logger, host.Name, port, reason);
            }
        }
    }

    private static bool InRange(Host host, int port) => port >= host.PortRangeStart && port <= host.PortRangeEnd;

    /// <summary>
    /// Whether a socket bound to <paramref name="boundIp"/> keeps an instance from binding the same port on the host's
    /// address: the same address, or either side on every address.
    /// </summary>
    private static bool Collides(string boundIp, string advertiseIp) =>
        IsEveryAddress(boundIp) || IsEveryAddress(advertiseIp)
        || (IPAddress.TryParse(boundIp, out var bound) && IPAddress.TryParse(advertiseIp, out var own) && bound.Equals(own));

    private static bool IsEveryAddress(string ip) =>
        ip.Length == 0 || (IPAddress.TryParse(ip, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host}: port {Port} is taken ({Reason}); placements skip it")]
    private static partial void LogTaken(ILogger logger, string host, int port, string reason);

    private sealed class Gate
    {
        public int Requests;
        public DateTimeOffset LastStarted;
    }
}
