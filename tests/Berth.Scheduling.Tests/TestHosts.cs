using Berth.Core.Hosts;

namespace Berth.Scheduling.Tests;

/// <summary>Builders for the hosts placement tests run on; tests change what they care about with <c>with</c>.</summary>
public static class TestHosts
{
    public static HostUsage Usage(
        string name,
        long memoryMb = 4096,
        long reservedMb = 0,
        long cpuShares = 8192,
        long reservedCpu = 0,
        int ports = 0,
        int rangeSize = 1000,
        bool drain = false,
        params (string Key, string Value)[] labels) =>
        new(new Host
        {
            Name = name,
            Engine = "unix:///var/run/docker.sock",
            AdvertiseIp = "127.0.0.1",
            PortRangeStart = 25000,
            PortRangeEnd = 25000 + rangeSize - 1,
            MemoryMb = memoryMb,
            CpuShares = cpuShares,
            Drain = drain,
            Labels = labels.ToDictionary(l => l.Key, l => l.Value),
            Version = 7,
        }, reservedMb, reservedCpu, ports);
}
