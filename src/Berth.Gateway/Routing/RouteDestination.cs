using System.Net;
using Berth.Gateway.Proxy;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Routing;

/// <summary>
/// One instance to forward to. The object lives as long as its discovery key lists the same address, across route
/// table swaps, so its connection pool, in-flight count, passive-health mark and counters survive table changes.
/// </summary>
internal sealed class RouteDestination
{
    private int _inFlight;
    private long _unavailableUntil;

    internal RouteDestination(string key, string version, IPEndPoint endPoint, InstanceCounters statistics)
    {
        Key = key;
        Version = version;
        EndPoint = endPoint;
        Statistics = statistics;
    }

    /// <summary>The discovery key that registered the instance.</summary>
    public string Key { get; }

    /// <summary>The app version the instance runs.</summary>
    public string Version { get; }

    /// <summary>The registered <c>ip:port</c>.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Counters of the requests this instance answered.</summary>
    public InstanceCounters Statistics { get; }

    /// <summary>Requests forwarded to the instance and not yet finished (through this gateway).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Idle keep-alive connections to the instance.</summary>
    internal UpstreamPool Pool { get; } = new(Environment.ProcessorCount); // a shard per event loop

    /// <summary>Reads a registered address (<c>ip:port</c> or <c>[ipv6]:port</c>); false for anything else.</summary>
    public static bool TryParseAddress(string address, out IPEndPoint endPoint) =>
        IPEndPoint.TryParse(address, out endPoint!) && endPoint.Port != 0 && address.Contains(':');

    /// <summary>False while the instance sits out a passive-health back-off (timestamps of the gateway's TimeProvider).</summary>
    public bool IsAvailable(long now) => Volatile.Read(ref _unavailableUntil) <= now;

    /// <summary>Takes the instance out of balancing until <paramref name="until"/>, after a connection failure.</summary>
    internal void MarkFailed(long until) => Volatile.Write(ref _unavailableUntil, until);

    /// <summary>Discovery listed the instance again: it is trusted again at once.</summary>
    internal void MarkListed() => Volatile.Write(ref _unavailableUntil, 0);

    internal void Enter() => Interlocked.Increment(ref _inFlight);

    internal void Leave() => Interlocked.Decrement(ref _inFlight);
}
