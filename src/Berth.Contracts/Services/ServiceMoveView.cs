namespace Berth.Contracts;

/// <summary>
/// A finished move: the service on its new host, the host it left, the backup that carried its data, the bound apps'
/// rolling restarts, and how long the bound apps were cut off from it.
/// </summary>
public sealed record ServiceMoveView(ServiceView Service, string From, string Backup, IReadOnlyList<string> Rollouts, double DowntimeSeconds);
