namespace Berth.Core.Services;

/// <summary>Where a backup of a managed service stands.</summary>
public enum BackupState
{
    /// <summary>The dump is being written.</summary>
    Running,
    /// <summary>The dump is complete: its size and checksum are recorded.</summary>
    Succeeded,
    /// <summary>The dump failed; the reason says why and no file is kept.</summary>
    Failed,
}
