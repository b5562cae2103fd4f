using Berth.Core.Hosts;

namespace Berth.Scheduling.Feasibility;

/// <summary>A host as a plan in progress sees it: its usage and counts include the instances planned on it so far.</summary>
/// <param name="Usage">Capacity and what is reserved, planned instances included.</param>
/// <param name="SameVersion">Instances of the requested app version on the host, planned ones included.</param>
/// <param name="AffinityInstances">Instances of the app the request wants to share a host with.</param>
internal sealed record HostCandidate(HostUsage Usage, int SameVersion, int AffinityInstances)
{
    public Host Host => Usage.Host;
}
