using Berth.Core.Hosts;

namespace Berth.Scheduling.Placement;

/// <summary>Scores a feasible host; the highest score wins.</summary>
public interface IPlacementStrategy
{
    string Name { get; }

    double Score(HostUsage host, PlacementRequest request);
}
