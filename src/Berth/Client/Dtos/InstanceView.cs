using Berth.Core.Instances;

namespace Berth.Client.Dtos;

/// <summary>One container of an app as the API returns it; CPU and memory are null until the leader has read them.</summary>
internal sealed record InstanceView(
    string Id,
    string? ContainerId,
    string Version,
    string Host,
    string Address,
    InstanceState State,
    InstanceHealth Health,
    DateTimeOffset CreatedAt,
    double? CpuPercent = null,
    long? MemoryUsedBytes = null,
    long? MemoryLimitBytes = null);
