namespace Berth.Core.Runtime;

/// <summary>What to create: the image, the published port and the limits (<c>-p HostIp:HostPort:ContainerPort -m MemoryMb -c CpuShares</c>).</summary>
public sealed record ContainerSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required int ContainerPort { get; init; }
    public required string HostIp { get; init; }
    public required int HostPort { get; init; }
    public int MemoryMb { get; init; }
    public int CpuShares { get; init; }
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
