using Berth.Core.Apps;
using Berth.Scheduling.Placement;

namespace Berth.Scheduling.Feasibility;

/// <summary><c>"spread": "host"</c>, hard: never two instances of one version on a host.</summary>
internal sealed class HardSpreadCheck : IFeasibilityCheck
{
    public string? Refuse(HostCandidate host, PlacementRequest request) =>
        request.Spread == SpreadMode.Hard && host.SameVersion > 0
            ? $"already runs an instance of {request.AppId}{(request.Version is null ? "" : " " + request.Version)} (spread: host, hard)"
            : null;
}
