namespace Berth.Core.Runtime;

/// <summary>A machine's size as its engine reports it.</summary>
public sealed record HostCapacity(int Cpus, long MemoryMb);
