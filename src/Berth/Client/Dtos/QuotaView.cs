namespace Berth.Client.Dtos;

/// <summary>A tenant's quota, what it holds, and whether the quota is the server's default.</summary>
internal sealed record QuotaView(string Tenant, IReadOnlyDictionary<string, int> Limit, IReadOnlyDictionary<string, int> Used, bool IsDefault);
