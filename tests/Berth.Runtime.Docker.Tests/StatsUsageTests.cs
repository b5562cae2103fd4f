using Docker.DotNet.Models;

namespace Berth.Runtime.Docker.Tests;

/// <summary>The docker CLI's CPU and memory arithmetic over a stats sample.</summary>
public sealed class StatsUsageTests
{
    [Fact]
    public void From_HalfOfOneOfTwoCpus_ReportsFiftyPercent()
    {
        var stats = Sample(cpuTotal: 1_500, preCpuTotal: 1_000, system: 12_000, preSystem: 10_000, onlineCpus: 2);

        Assert.Equal(50, StatsUsage.From(stats).CpuPercent, precision: 6);
    }

    [Fact]
    public void From_NoOnlineCpuCount_CountsPerCpuUsage()
    {
        var stats = Sample(cpuTotal: 1_500, preCpuTotal: 1_000, system: 12_000, preSystem: 10_000, onlineCpus: 0);
        stats.CPUStats!.CPUUsage!.PercpuUsage = [1, 2, 3, 4];

        Assert.Equal(100, StatsUsage.From(stats).CpuPercent, precision: 6);
    }

    [Fact]
    public void From_NoPreviousSample_ReportsZeroCpu()
    {
        var stats = Sample(cpuTotal: 1_500, preCpuTotal: 0, system: 12_000, preSystem: 0, onlineCpus: 2);
        stats.PreCPUStats = new CPUStats();

        Assert.Equal(0, StatsUsage.From(stats).CpuPercent);
    }

    [Theory]
    [InlineData("total_inactive_file")]
    [InlineData("inactive_file")]
    public void From_InactivePageCache_IsNotCountedAsUsed(string cacheKey)
    {
        var stats = Sample(cpuTotal: 0, preCpuTotal: 0, system: 0, preSystem: 0, onlineCpus: 1);
        stats.MemoryStats!.Stats = new Dictionary<string, ulong> { [cacheKey] = 300 };

        var usage = StatsUsage.From(stats);

        Assert.Equal(700, usage.MemoryUsedBytes);
        Assert.Equal(4_000, usage.MemoryLimitBytes);
    }

    private static ContainerStatsResponse Sample(ulong cpuTotal, ulong preCpuTotal, ulong system, ulong preSystem, uint onlineCpus) => new()
    {
        CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = cpuTotal }, SystemUsage = system, OnlineCPUs = onlineCpus },
        PreCPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = preCpuTotal }, SystemUsage = preSystem },
        MemoryStats = new MemoryStats { Usage = 1_000, Limit = 4_000, Stats = new Dictionary<string, ulong>() },
    };
}
