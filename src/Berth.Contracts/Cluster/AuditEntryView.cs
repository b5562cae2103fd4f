namespace Berth.Contracts;

/// <summary>One audit entry; <see cref="Actor"/> is null for calls that were not authenticated.</summary>
public sealed record AuditEntryView(string Id, DateTimeOffset At, string? Actor, string? TokenId, string Client, string Method, string Path, int Status);
