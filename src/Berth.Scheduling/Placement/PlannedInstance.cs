using Berth.Core.Hosts;

namespace Berth.Scheduling.Placement;

/// <summary>One instance of a plan: the host it goes to, as read in the snapshot (its version is what the commit checks).</summary>
public sealed record PlannedInstance(Host Host);
