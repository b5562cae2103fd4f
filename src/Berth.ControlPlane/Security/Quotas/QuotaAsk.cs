using Berth.Core.Apps;
using Berth.Core.Tenants;

namespace Berth.ControlPlane.Security.Quotas;

/// <summary>What a request would add to a tenant's holdings; <see cref="Replacing"/> are apps whose current instances the request replaces.</summary>
internal sealed record QuotaAsk(TenantResources Amounts, IReadOnlyCollection<string> Replacing)
{
    public QuotaAsk(TenantResources amounts)
        : this(amounts, [])
    {
    }

    /// <summary>One more app.</summary>
    public static QuotaAsk App { get; } = new(new TenantResources { Apps = 1 });

    /// <summary>One more custom domain.</summary>
    public static QuotaAsk Domain { get; } = new(new TenantResources { Domains = 1 });

    /// <summary>One more managed service of <paramref name="memoryMb"/>.</summary>
    public static QuotaAsk Service(int memoryMb) => new(new TenantResources { Services = 1, MemoryMb = memoryMb, Ports = 1 });

    /// <summary>The app wanting <paramref name="instances"/> in all, in place of what it wants now.</summary>
    public static QuotaAsk Instances(App app, int instances) =>
        new(new TenantResources { Instances = instances, MemoryMb = instances * app.MemoryMb, CpuShares = instances * app.CpuShares, Ports = instances }, [app.Id]);
}
