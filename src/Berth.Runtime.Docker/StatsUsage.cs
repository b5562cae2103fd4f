using Berth.Core.Runtime;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

/// <summary>A stats sample turned into <see cref="ContainerUsage"/> with the docker CLI's arithmetic.</summary>
internal static class StatsUsage
{
    /// <summary>
    /// CPU: the container's share of the machine's CPU time between the engine's two samples, times the online CPUs
    /// (so one busy CPU is 100 %). Memory: usage less the inactive page cache, which the kernel can drop at will
    /// (<c>total_inactive_file</c> under cgroup v1, <c>inactive_file</c> under v2).
    /// </summary>
    public static ContainerUsage From(ContainerStatsResponse stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new ContainerUsage(CpuPercent(stats.CPUStats, stats.PreCPUStats), MemoryUsed(stats.MemoryStats), (long)(stats.MemoryStats?.Limit ?? 0));
    }

    private static double CpuPercent(CPUStats? now, CPUStats? before)
    {
        if (now?.CPUUsage is null || before?.CPUUsage is null)
        {
            return 0;
        }

        var cpuDelta = (double)now.CPUUsage.TotalUsage - before.CPUUsage.TotalUsage;
        var systemDelta = (double)(now.SystemUsage ?? 0) - (before.SystemUsage ?? 0);
        var cpus = now.OnlineCPUs is > 0 and var online ? online : (uint)(now.CPUUsage.PercpuUsage?.Count ?? 0);
        return cpuDelta > 0 && systemDelta > 0 ? cpuDelta / systemDelta * cpus * 100 : 0;
    }

    private static long MemoryUsed(MemoryStats? memory)
    {
        if (memory is null)
        {
            return 0;
        }

        var usage = memory.Usage ?? 0;
        foreach (var key in (ReadOnlySpan<string>)["total_inactive_file", "inactive_file"])
        {
            if (memory.Stats is not null && memory.Stats.TryGetValue(key, out var inactive) && inactive < usage)
            {
                return (long)(usage - inactive);
            }
        }

        return (long)usage;
    }
}
