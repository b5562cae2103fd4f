namespace Berth.Core.Runtime;

/// <summary>
/// A container's resource use at one moment: CPU as <c>docker stats</c> shows it (100 % is one CPU busy), memory in
/// use without the page cache, and the memory limit (the host's memory when the container has none).
/// </summary>
public sealed record ContainerUsage(double CpuPercent, long MemoryUsedBytes, long MemoryLimitBytes);
