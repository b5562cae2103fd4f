namespace Berth.Scheduling.Placement;

/// <summary>What one new instance needs from a host.</summary>
public sealed record PlacementRequest(string AppId, int MemoryMb, int CpuShares);
