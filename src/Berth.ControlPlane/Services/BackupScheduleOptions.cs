using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>How long each backup period lasts and how often the leader looks for due backups (<c>Berth:BackupSchedule</c>).</summary>
public sealed class BackupScheduleOptions
{
    public TimeSpan Hourly { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan Daily { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan Weekly { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the leader looks for due backups.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The length of <paramref name="period"/>.</summary>
    public TimeSpan LengthOf(BackupPeriod period) => period switch
    {
        BackupPeriod.Hourly => Hourly,
        BackupPeriod.Daily => Daily,
        _ => Weekly,
    };
}
