using Berth.Core.Apps;
using Berth.Core.Hosts;
using Berth.Core.State;
using Berth.Core.Tenants;

namespace Berth.State.Tests;

/// <summary>Builders for the rows the contract tests store; tests change what they care about with <c>with</c>.</summary>
public static class StateTestData
{
    /// <summary>A time with a non-UTC offset and sub-millisecond ticks, to prove timestamps round-trip exactly.</summary>
    public static readonly DateTimeOffset Epoch = new DateTimeOffset(2026, 11, 25, 12, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567);

    public static Tenant Tenant(string name = "acme") => new()
    {
        Name = name,
        TokenHash = $"hash-of-{name}",
        CreatedAt = Epoch,
    };

    public static App App(string id = "hello", string tenant = "acme") => new()
    {
        Id = id,
        Tenant = tenant,
        MemoryMb = 256,
        CpuShares = 512,
        CreatedAt = Epoch,
    };

    public static Deployment Deployment(string id = "d1", string appId = "hello", string version = "v1") => new()
    {
        Id = id,
        AppId = appId,
        Version = version,
        Instances = 2,
        CreatedAt = Epoch,
        UpdatedAt = Epoch,
    };

    public static Host Host(string name = "h1") => new()
    {
        Name = name,
        Engine = $"unix:///run/{name}/docker.sock",
        AdvertiseIp = "127.0.0.2",
        PortRangeStart = 25000,
        PortRangeEnd = 25009,
        MemoryMb = 4096,
        CpuShares = 4096,
        Labels = new Dictionary<string, string> { ["zone"] = "a" },
    };

    public static InstanceReservation Reservation(string instanceId, long expectedHostVersion, string host = "h1") => new()
    {
        InstanceId = instanceId,
        AppId = "hello",
        Version = "v1",
        DeploymentId = "d1",
        HostName = host,
        ExpectedHostVersion = expectedHostVersion,
        MemoryMb = 256,
        CpuShares = 512,
    };
}
