namespace Berth.Contracts;

/// <summary>A service's scheduled backups: the period, how many complete backups are kept, when the next one is due.</summary>
public sealed record BackupScheduleView(string Service, string Period, int Keep, DateTimeOffset NextAt);
