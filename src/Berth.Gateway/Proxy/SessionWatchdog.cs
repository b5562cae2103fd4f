using System.Collections.Concurrent;
using Berth.Gateway.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Proxy;

/// <summary>
/// Enforces the sessions' deadlines once a second and closes upstream connections idle too long. Sessions only
/// store a deadline per wait (two plain writes), which is far cheaper on the hot path than a timer per request.
/// </summary>
internal sealed class SessionWatchdog(RouteTableUpdater routes, IOptions<GatewayOptions> options, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<ClientSession, byte> _sessions = new();

    public void Add(ClientSession session) => _sessions.TryAdd(session, 0);

    public void Remove(ClientSession session) => _sessions.TryRemove(session, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        var lastSweep = time.GetTimestamp();
        while (await NextTickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            var now = time.GetTimestamp();
            foreach (var session in _sessions.Keys)
            {
                session.CheckDeadline(now);
            }

            if (time.GetElapsedTime(lastSweep, now) >= SweepEvery)
            {
                lastSweep = now;
                var staleBefore = now - (long)(options.Value.UpstreamIdleTimeout.TotalSeconds * time.TimestampFrequency);
                foreach (var destination in routes.Current.Routes.SelectMany(r => r.Destinations))
                {
                    destination.Pool.CloseIdle(staleBefore);
                }
            }
        }
    }

    /// <summary>False once stopping, also when the host is disposed without being stopped first.</summary>
    private static async ValueTask<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
