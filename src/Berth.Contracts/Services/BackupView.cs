namespace Berth.Contracts;

/// <summary>A backup as the API shows it: <see cref="State"/> <c>running</c>, <c>succeeded</c> or <c>failed</c> (with a reason), size, SHA-256, times.</summary>
public sealed record BackupView(
    string Id, string Service, string Type, string State, string? Reason, long SizeBytes, string? Sha256, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
