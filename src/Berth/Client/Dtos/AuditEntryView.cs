namespace Berth.Client.Dtos;

/// <summary>One entry of <c>GET /v1/audit</c>; the actor is null for calls that were not authenticated.</summary>
internal sealed record AuditEntryView(string Id, DateTimeOffset At, string? Actor, string? TokenId, string Client, string Method, string Path, int Status);
