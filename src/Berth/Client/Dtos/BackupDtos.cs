namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/services/{id}/restore</c>.</summary>
internal sealed record RestoreServiceRequest(string Backup, string? To);

/// <summary>A backup as the API returns it.</summary>
internal sealed record BackupView(string Id, string Service, string Type, string State, string? Reason, long SizeBytes, string? Sha256, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
