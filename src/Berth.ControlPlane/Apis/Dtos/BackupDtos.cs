using Berth.Core.Services;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>Restores <c>backup</c> (one of this service's) into the service itself, or into a new service named <c>to</c>.</summary>
public sealed record RestoreServiceRequest(string? Backup, string? To);

/// <summary>A backup as the API shows it: state, size, SHA-256, when it was made (never where the file is).</summary>
public sealed record BackupView(string Id, string Service, ServiceType Type, BackupState State, string? Reason, long SizeBytes, string? Sha256, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public static BackupView From(ServiceBackup b) => new(b.Id, b.ServiceId, b.Type, b.State, b.Reason, b.SizeBytes, b.Sha256, b.CreatedAt, b.FinishedAt);
}
