using Berth.Core.Tenants;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>A tenant's quota (<see cref="Limit"/>), what it holds (<see cref="Used"/>), and whether the limit is the server's default.</summary>
public sealed record QuotaView(string Tenant, TenantResources Limit, TenantResources Used, bool IsDefault);
