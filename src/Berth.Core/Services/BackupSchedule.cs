namespace Berth.Core.Services;

/// <summary>
/// A managed service's scheduled backups: one every <see cref="Period"/>, taken by the leader, and only the newest
/// <see cref="Keep"/> complete ones kept afterwards.
/// </summary>
public sealed record BackupSchedule
{
    public required string ServiceId { get; init; }
    public BackupPeriod Period { get; init; }
    /// <summary>How many complete backups stay once a scheduled one is done (older ones and their files go).</summary>
    public int Keep { get; init; }
    /// <summary>When the next scheduled backup is due.</summary>
    public DateTimeOffset NextAt { get; init; }
}
