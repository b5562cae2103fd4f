namespace Berth.Core.Services;

/// <summary>
/// A logical dump of a managed service (<c>pg_dump</c>, <c>mariadb-dump</c>, a Redis RDB snapshot), kept by Berth as a
/// file under its backup folder with its size and SHA-256.
/// </summary>
public sealed record ServiceBackup
{
    /// <summary>Unique; sorts by creation time (<c>b-yyyyMMddHHmmss-xxxx</c>).</summary>
    public required string Id { get; init; }
    public required string ServiceId { get; init; }
    public required ServiceType Type { get; init; }
    public BackupState State { get; init; }
    /// <summary>Why the backup failed; null otherwise.</summary>
    public string? Reason { get; init; }
    /// <summary>The file, relative to the backup folder.</summary>
    public required string File { get; init; }
    public long SizeBytes { get; init; }
    /// <summary>The file's SHA-256 in lowercase hex, checked again before a restore.</summary>
    public string? Sha256 { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}
