using Berth.Core.Services;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SaveBackupScheduleAsync_SavedTwice_ReplacedAndListedSoonestFirst()
    {
        await Services.SaveBackupScheduleAsync(new BackupSchedule { ServiceId = "a", Period = BackupPeriod.Daily, Keep = 7, NextAt = Noon.AddHours(2) }, Ct);
        await Services.SaveBackupScheduleAsync(new BackupSchedule { ServiceId = "b", Period = BackupPeriod.Hourly, Keep = 3, NextAt = Noon.AddHours(1) }, Ct);
        var replaced = new BackupSchedule { ServiceId = "a", Period = BackupPeriod.Weekly, Keep = 2, NextAt = Noon };

        await Services.SaveBackupScheduleAsync(replaced, Ct);

        Assert.Equal(replaced, await Services.GetBackupScheduleAsync("a", Ct));
        Assert.Equal(["a", "b"], (await Services.ListBackupSchedulesAsync(Ct)).Select(s => s.ServiceId));
        Assert.True(await Services.DeleteBackupScheduleAsync("a", Ct));
        Assert.False(await Services.DeleteBackupScheduleAsync("a", Ct));
        Assert.Null(await Services.GetBackupScheduleAsync("a", Ct));
    }

    [Fact]
    public async Task DeleteServiceAsync_Scheduled_ForgetsScheduleKeepsBackups()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Services.ReserveServiceAsync(Service("db"), host.Version, Ct);
        await Services.SaveBackupScheduleAsync(new BackupSchedule { ServiceId = "db", Period = BackupPeriod.Daily, Keep = 7, NextAt = Noon }, Ct);
        var backup = new ServiceBackup { Id = "b-1", ServiceId = "db", Type = ServiceType.Postgres, State = BackupState.Succeeded, File = "db/b-1.sql", SizeBytes = 10, CreatedAt = Noon };
        await Services.SaveBackupAsync(backup, Ct);

        await Services.DeleteServiceAsync("db", Ct);

        Assert.Null(await Services.GetBackupScheduleAsync("db", Ct));
        Assert.Equal([backup], await Services.ListBackupsAsync("db", Ct));
        Assert.True(await Services.DeleteBackupAsync("b-1", Ct));
        Assert.Empty(await Services.ListBackupsAsync("db", Ct));
    }
}
