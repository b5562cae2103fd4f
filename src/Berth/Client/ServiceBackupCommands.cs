using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth services backup|backups|restore</c>: logical dumps kept by Berth, restored into the service or a new one.</summary>
internal static class ServiceBackupCommands
{
    public static Command Backup(ClientContext context)
    {
        Argument<string> service = new("SERVICE") { Description = "The service to back up" };
        Option<string?> schedule = new("--schedule") { Description = "Back up every hour, day or week instead of now (hourly, daily, weekly; off stops it)" };
        Option<int?> keep = new("--keep") { Description = "With --schedule: how many complete backups to keep (default 7)" };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("backup", "Dump the service now (pg_dump, mariadb-dump, Redis RDB), or on a schedule; fails when the dump does")
        {
            service, schedule, keep, json,
        };
        context.SetAction(command, async call =>
        {
            if (call.ParseResult.GetValue(schedule) is { } period)
            {
                return await ScheduleAsync(call, call.ParseResult.GetRequiredValue(service), period, call.ParseResult.GetValue(keep), call.ParseResult.GetValue(json));
            }

            if (call.ParseResult.GetValue(keep) is not null)
            {
                await call.Error.WriteLineAsync("--keep goes with --schedule: it is how many scheduled backups stay.");
                return 1;
            }

            ApiResponse<BackupView> response = await call.Api.BackupServiceAsync(call.ParseResult.GetRequiredValue(service), call.CancellationToken);
            BackupView backup = response.Value;
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
            }
            else if (backup.State == "succeeded")
            {
                await call.Out.WriteLineAsync($"{backup.Id}: {backup.SizeBytes} bytes, sha256 {backup.Sha256}");
            }

            if (backup.State == "succeeded")
            {
                return 0;
            }

            await call.Error.WriteLineAsync($"Backup {backup.Id} failed: {backup.Reason}");
            return 1;
        });
        return command;
    }

    private static async Task<int> ScheduleAsync(ClientInvocation call, string service, string period, int? keep, bool json)
    {
        if (period == "off")
        {
            await call.Api.UnscheduleBackupsAsync(service, call.CancellationToken);
            await call.Out.WriteLineAsync(json
                ? Removed.Answer("backup schedule", ("service", service)).Json
                : $"{service}: scheduled backups stopped; the backups taken stay.");
            return 0;
        }

        ApiResponse<BackupScheduleView> response = await call.Api.ScheduleBackupsAsync(service, new BackupScheduleRequest(period, keep), call.CancellationToken);
        BackupScheduleView view = response.Value;
        await call.Out.WriteLineAsync(json
            ? response.Json
            : $"{view.Service}: backed up {view.Period}, the newest {view.Keep} kept; next at {Display.Time(view.NextAt)}.");
        return 0;
    }

    public static Command List(ClientContext context)
    {
        Argument<string> service = new("SERVICE") { Description = "The service" };
        var command = new Command("backups", "The service's backups, newest first") { service };
        context.SetAnswerAction(command, call => call.Api.ListBackupsAsync(call.ParseResult.GetRequiredValue(service), call.CancellationToken), (call, backups) =>
            TablePrinter.Write(call.Out, ["BACKUP", "STATE", "SIZE", "SHA256", "CREATED"],
                backups.Select(b => (IReadOnlyList<string>)[
                    b.Id, b.State + (b.Reason is null ? "" : $" ({b.Reason})"), $"{b.SizeBytes} B", b.Sha256 ?? "-", Display.Time(b.CreatedAt)])));
        return command;
    }

    public static Command Restore(ClientContext context)
    {
        Argument<string> service = new("SERVICE") { Description = "The service the backup is of" };
        Argument<string> backup = new("BACKUP") { Description = "The backup's id (berth services backups SERVICE)" };
        Option<string?> to = new("--to") { Description = "Restore into a new service of this name instead (same type and size)" };
        var command = new Command("restore", "Replace the service's data with a backup's, or make a new service from it") { service, backup, to };
        context.SetAnswerAction(
            command,
            call => call.Api.RestoreServiceAsync(
                call.ParseResult.GetRequiredValue(service),
                new RestoreServiceRequest(call.ParseResult.GetRequiredValue(backup), call.ParseResult.GetValue(to)),
                call.CancellationToken),
            (call, restored) => call.Out.WriteLine($"{restored.Id} restored from {call.ParseResult.GetRequiredValue(backup)}; {restored.State} at {restored.Address}."));
        return command;
    }
}
