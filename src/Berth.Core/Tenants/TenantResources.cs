namespace Berth.Core.Tenants;

/// <summary>
/// Amounts of what tenants share, as a quota (the most a tenant may hold), as what a tenant holds, or as what a
/// request asks for. Instances count every wanted instance of every app (canaries too); memory and CPU shares are
/// what those instances and the tenant's managed services reserve; every instance and service takes one host port;
/// domains count proven ones and claims.
/// </summary>
public sealed record TenantResources
{
    public int Apps { get; init; }
    public int Instances { get; init; }
    public int MemoryMb { get; init; }
    public int CpuShares { get; init; }
    public int Ports { get; init; }
    public int Services { get; init; }
    public int Domains { get; init; }

    /// <summary>The names of the amounts as the API and CLI spell them, with how to read and set each.</summary>
    public static IReadOnlyList<(string Name, Func<TenantResources, int> Get, Func<TenantResources, int, TenantResources> With)> Keys { get; } =
    [
        ("apps", r => r.Apps, (r, v) => r with { Apps = v }),
        ("instances", r => r.Instances, (r, v) => r with { Instances = v }),
        ("memoryMb", r => r.MemoryMb, (r, v) => r with { MemoryMb = v }),
        ("cpuShares", r => r.CpuShares, (r, v) => r with { CpuShares = v }),
        ("ports", r => r.Ports, (r, v) => r with { Ports = v }),
        ("services", r => r.Services, (r, v) => r with { Services = v }),
        ("domains", r => r.Domains, (r, v) => r with { Domains = v }),
    ];

    /// <summary>The sum of two amounts, key by key.</summary>
    public TenantResources Plus(TenantResources other) => Keys.Aggregate(this, (sum, key) => key.With(sum, key.Get(sum) + key.Get(other)));
}
