using Berth.Contracts;
using Berth.Core.Services;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a <see cref="ServiceBackup"/> onto its view (never where its file is).</summary>
internal static class BackupViewMapping
{
    extension(BackupView)
    {
        public static BackupView From(ServiceBackup b) =>
            new(b.Id, b.ServiceId, WireNames.Of(b.Type), WireNames.Of(b.State), b.Reason, b.SizeBytes, b.Sha256, b.CreatedAt, b.FinishedAt);
    }
}
