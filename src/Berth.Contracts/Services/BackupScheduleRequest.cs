namespace Berth.Contracts;

/// <summary>Backs the service up every <c>period</c> (<c>hourly</c>, <c>daily</c>, <c>weekly</c>), keeping the newest <c>keep</c> complete backups (default 7).</summary>
public sealed record BackupScheduleRequest(string? Period, int? Keep);
