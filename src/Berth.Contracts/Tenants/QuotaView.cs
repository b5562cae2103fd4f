namespace Berth.Contracts;

/// <summary>
/// A tenant's quota (<see cref="Limit"/>) and what it holds (<see cref="Used"/>), by key (apps, instances, memoryMb,
/// cpuShares, ports, services, domains); <see cref="IsDefault"/> when the limit is the server's default.
/// </summary>
public sealed record QuotaView(string Tenant, IReadOnlyDictionary<string, int> Limit, IReadOnlyDictionary<string, int> Used, bool IsDefault);
