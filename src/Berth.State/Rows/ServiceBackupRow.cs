using Berth.Core.Services;

namespace Berth.State.Rows;

/// <summary>A <c>service_backups</c> row as Dapper reads and writes it.</summary>
internal sealed class ServiceBackupRow
{
    public const string Columns =
        "id AS Id, service_id AS ServiceId, type AS Type, state AS State, reason AS Reason, file AS File, size_bytes AS SizeBytes, " +
        "sha256 AS Sha256, created_at AS CreatedAt, finished_at AS FinishedAt";

    public string Id { get; set; } = "";
    public string ServiceId { get; set; } = "";
    public string Type { get; set; } = "";
    public string State { get; set; } = "";
    public string? Reason { get; set; }
    public string File { get; set; } = "";
    public long SizeBytes { get; set; }
    public string? Sha256 { get; set; }
    public string CreatedAt { get; set; } = "";
    public string? FinishedAt { get; set; }

    public static ServiceBackupRow From(ServiceBackup backup) => new()
    {
        Id = backup.Id,
        ServiceId = backup.ServiceId,
        Type = StoredEnum.ToText(backup.Type),
        State = StoredEnum.ToText(backup.State),
        Reason = backup.Reason,
        File = backup.File,
        SizeBytes = backup.SizeBytes,
        Sha256 = backup.Sha256,
        CreatedAt = StoredTime.ToText(backup.CreatedAt),
        FinishedAt = backup.FinishedAt is { } finished ? StoredTime.ToText(finished) : null,
    };

    public ServiceBackup ToBackup() => new()
    {
        Id = Id,
        ServiceId = ServiceId,
        Type = StoredEnum.Parse<ServiceType>(Type),
        State = StoredEnum.Parse<BackupState>(State),
        Reason = Reason,
        File = File,
        SizeBytes = SizeBytes,
        Sha256 = Sha256,
        CreatedAt = StoredTime.Parse(CreatedAt),
        FinishedAt = FinishedAt is { } finished ? StoredTime.Parse(finished) : null,
    };
}
