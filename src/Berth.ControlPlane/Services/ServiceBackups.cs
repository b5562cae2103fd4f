using System.Globalization;
using System.Security.Cryptography;
using Berth.Core.Events;
using Berth.Core.Runtime;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Services;

/// <summary>
/// Backs services up and restores them, through the engine's exec API in the service's container with the server's own
/// tools. A backup is a file under <see cref="BerthOptions.BackupsPath"/>/<c>{service}</c>, recorded with its size and
/// SHA-256; a failed one is recorded failed with the reason and an event, and leaves no file. A restore checks the
/// checksum first.
/// </summary>
internal sealed partial class ServiceBackups(
    IServiceStore services,
    ServiceLauncher launcher,
    ServiceEvents events,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<ServiceBackups> logger)
{
    private static readonly TimeSpan RestartGrace = TimeSpan.FromSeconds(10);

    /// <summary>Dumps the service now; returns the backup, succeeded or failed (never thrown: a failure is a recorded outcome).</summary>
    public async Task<ServiceBackup> BackupAsync(ManagedService service, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = $"b-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}-{Passwords.NewUser("")[..4]}";
        var backup = new ServiceBackup
        {
            Id = id, ServiceId = service.Id, Type = service.Type, State = BackupState.Running,
            File = Path.Combine(service.Id, $"{id}.{BackupCommands.Extension(service.Type)}"), CreatedAt = now,
        };
        await services.SaveBackupAsync(backup, cancellationToken);
        var path = PathOf(backup);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var exec = await ExecOfAsync(service, cancellationToken);
            ExecResult result;
            byte[] sha256;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await using (var hashing = new HashingStream(file))
            {
                result = await exec.ExecAsync(service.ContainerId!, BackupCommands.Dump(service), AdminEnv(service), hashing, cancellationToken);
                sha256 = hashing.Finish();
            }

            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{BackupCommands.Dump(service)[0]} exited with {result.ExitCode}: {result.Error}");
            }

            var size = new FileInfo(path).Length;
            if (size == 0)
            {
                throw new InvalidOperationException("the dump is empty");
            }

            backup = backup with { State = BackupState.Succeeded, SizeBytes = size, Sha256 = Convert.ToHexStringLower(sha256), FinishedAt = time.GetUtcNow() };
            await services.SaveBackupAsync(backup, CancellationToken.None);
            await events.RecordAsync(service, AppEventType.BackedUp, $"backup {backup.Id}: {size} bytes, sha256 {backup.Sha256}");
            return backup;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DeletePartial(path);
            backup = backup with { State = BackupState.Failed, Reason = e.Message, FinishedAt = time.GetUtcNow() };
            await services.SaveBackupAsync(backup, CancellationToken.None);
            await events.RecordAsync(service, AppEventType.BackupFailed, $"backup {backup.Id} failed: {e.Message}");
            LogBackupFailed(logger, service.Id, backup.Id, e.Message);
            return backup;
        }
        catch
        {
            DeletePartial(path);
            await services.SaveBackupAsync(backup with { State = BackupState.Failed, Reason = "cancelled", FinishedAt = time.GetUtcNow() }, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Replaces the service's data with the backup's (same type). Redis restarts to load it.</summary>
    /// <exception cref="InvalidOperationException">The backup's file is missing or its checksum differs, or the restore failed; the message says which.</exception>
    public async Task RestoreAsync(ManagedService service, ServiceBackup backup, CancellationToken cancellationToken)
    {
        var path = PathOf(backup);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the file of backup {backup.Id} is missing ({path})");
        }

        await using (var check = File.OpenRead(path))
        {
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(check, cancellationToken)) != backup.Sha256)
            {
                throw new InvalidOperationException($"the file of backup {backup.Id} does not match its SHA-256: it was changed or damaged");
            }
        }

        var exec = await ExecOfAsync(service, cancellationToken);
        var runtime = await launcher.RuntimeAsync(service, cancellationToken);
        if (service.Type == ServiceType.Redis)
        {
            await using (var content = File.OpenRead(path))
            {
                await exec.CopyToAsync(service.ContainerId!, service.Kind.DataPath, BackupCommands.RedisRestoreFile, content, cancellationToken);
            }

            if (runtime is not IContainerRestarter restarter)
            {
                throw new InvalidOperationException($"the engine of {service.HostName} cannot restart containers");
            }

            await restarter.RestartAsync(service.ContainerId!, RestartGrace, cancellationToken);
            await launcher.StartAsync(service, cancellationToken);
        }
        else
        {
            var file = $"berth-restore-{backup.Id}.sql";
            await using (var content = File.OpenRead(path))
            {
                await exec.CopyToAsync(service.ContainerId!, BackupCommands.RestoreDirectory, file, content, cancellationToken);
            }

            var result = await exec.ExecAsync(service.ContainerId!, BackupCommands.Restore(service, file), AdminEnv(service), Stream.Null, cancellationToken);
            await exec.ExecAsync(service.ContainerId!, BackupCommands.Remove(file), AdminEnv(service), Stream.Null, CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"restoring backup {backup.Id} failed ({result.ExitCode}): {result.Error}");
            }
        }

        await events.RecordAsync(service, AppEventType.Restored, $"restored from backup {backup.Id} of {backup.ServiceId} ({backup.SizeBytes} bytes)");
    }

    /// <summary>
    /// Keeps the newest <paramref name="keep"/> complete backups of the service and forgets every backup older than the
    /// oldest of them, with its file. Failed ones newer than that stay, so a run of failures stays visible. Keeping 0
    /// forgets them all.
    /// </summary>
    public async Task PruneAsync(ManagedService service, int keep, CancellationToken cancellationToken)
    {
        var all = await services.ListBackupsAsync(service.Id, cancellationToken);
        var kept = all.Where(b => b.State == BackupState.Succeeded).Take(keep).ToList();
        if (keep > 0 && kept.Count < keep)
        {
            return;
        }

        var oldestKept = keep > 0 ? kept[^1].CreatedAt : DateTimeOffset.MaxValue;
        foreach (var old in all.Where(b => b.State != BackupState.Running && !kept.Contains(b) && b.CreatedAt <= oldestKept))
        {
            DeletePartial(PathOf(old));
            await services.DeleteBackupAsync(old.Id, cancellationToken);
            LogPruned(logger, service.Id, old.Id);
        }
    }

    /// <summary>Removes what a failed dump left; a folder that could not be made leaves nothing (and must not throw here).</summary>
    private static void DeletePartial(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string PathOf(ServiceBackup backup) => Path.Combine(options.Value.BackupsPath, backup.File);

    private IReadOnlyDictionary<string, string> AdminEnv(ManagedService service) =>
        service.Type == ServiceType.Redis
            ? new Dictionary<string, string> { ["REDISCLI_AUTH"] = launcher.AddressOf(service).AdminPassword }
            : new Dictionary<string, string>();

    private async Task<IContainerExec> ExecOfAsync(ManagedService service, CancellationToken cancellationToken)
    {
        if (service.State != ServiceState.Running || service.ContainerId is null)
        {
            throw new InvalidOperationException($"service '{service.Id}' is {service.State.ToString().ToLowerInvariant()}: it must be running");
        }

        return await launcher.RuntimeAsync(service, cancellationToken) as IContainerExec
            ?? throw new InvalidOperationException($"the engine of {service.HostName} cannot run commands in containers");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} of service {ServiceId} pruned: older than the ones kept")]
    private static partial void LogPruned(ILogger logger, string serviceId, string backupId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Backup {BackupId} of service {ServiceId} failed: {Reason}")]
    private static partial void LogBackupFailed(ILogger logger, string serviceId, string backupId, string reason);
}
