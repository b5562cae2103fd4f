using Berth.Contracts;
using Berth.Core.Security;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps an <see cref="AuditEntry"/> onto its view.</summary>
internal static class AuditEntryViewMapping
{
    extension(AuditEntryView)
    {
        public static AuditEntryView From(AuditEntry entry) =>
            new(entry.Id, entry.At, entry.Actor, entry.TokenId, entry.Client, entry.Method, entry.Path, entry.Status);
    }
}
