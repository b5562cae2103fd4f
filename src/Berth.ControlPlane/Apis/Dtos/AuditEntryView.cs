using Berth.Core.Security;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>One audit entry; <c>actor</c> is null for calls that were not authenticated.</summary>
public sealed record AuditEntryView(string Id, DateTimeOffset At, string? Actor, string? TokenId, string Client, string Method, string Path, int Status)
{
    public static AuditEntryView From(AuditEntry entry) =>
        new(entry.Id, entry.At, entry.Actor, entry.TokenId, entry.Client, entry.Method, entry.Path, entry.Status);
}
