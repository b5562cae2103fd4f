using Berth.Core.Hosts;

namespace Berth.Scheduling.Placement;

/// <summary>
/// Pure placement over a snapshot of hosts: feasibility checks first, then the strategy's score.
/// It never reserves anything; the store commits the choice or answers that the snapshot was stale.
/// </summary>
public sealed class Scheduler(IPlacementStrategy strategy)
{
    public Scheduler()
        : this(PlacementStrategies.Default)
    {
    }

    public PlacementResult PlaceOne(IReadOnlyList<HostUsage> hosts, PlacementRequest request)
    {
        var refusals = new List<string>();
        HostUsage? best = null;
        var bestScore = double.MinValue;
        foreach (var host in hosts)
        {
            var refusal = Refuse(host, request);
            if (refusal is not null)
            {
                refusals.Add($"{host.Host.Name}: {refusal}");
                continue;
            }

            var score = strategy.Score(host, request);
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(host.Host.Name, best.Host.Name) < 0))
            {
                (best, bestScore) = (host, score);
            }
        }

        return new PlacementResult(best, refusals);
    }

    private static string? Refuse(HostUsage host, PlacementRequest request)
    {
        if (host.FreeMemoryMb < request.MemoryMb)
        {
            return $"not enough memory ({request.MemoryMb} MB asked, {host.FreeMemoryMb} MB free)";
        }

        if (host.FreeCpuShares < request.CpuShares)
        {
            return $"not enough CPU shares ({request.CpuShares} asked, {host.FreeCpuShares} free)";
        }

        return host.FreePorts <= 0
            ? $"no free port in {host.Host.PortRangeStart}-{host.Host.PortRangeEnd}"
            : null;
    }
}
