using Berth.Core.Services;

namespace Berth.State.Rows;

/// <summary>A <c>service_backup_schedules</c> row as Dapper reads and writes it.</summary>
internal sealed class BackupScheduleRow
{
    public const string Columns = "service_id AS ServiceId, backup_period AS Period, keep_count AS Keep, next_at AS NextAt";

    public string ServiceId { get; set; } = "";
    public string Period { get; set; } = "";
    public int Keep { get; set; }
    public string NextAt { get; set; } = "";

    public static BackupScheduleRow From(BackupSchedule schedule) => new()
    {
        ServiceId = schedule.ServiceId,
        Period = StoredEnum.ToText(schedule.Period),
        Keep = schedule.Keep,
        NextAt = StoredTime.ToText(schedule.NextAt),
    };

    public BackupSchedule ToSchedule() => new()
    {
        ServiceId = ServiceId,
        Period = StoredEnum.Parse<BackupPeriod>(Period),
        Keep = Keep,
        NextAt = StoredTime.Parse(NextAt),
    };
}
