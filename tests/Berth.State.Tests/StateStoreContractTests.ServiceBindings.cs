using Berth.Core.Services;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private static ServiceBinding Binding(string service, string app, string prefix) =>
        new() { ServiceId = service, AppId = app, Prefix = prefix, User = $"berth_{service}{app}", SealedPassword = "aesgcm:v1:sealed" };

    [Fact]
    public async Task AddBindingAsync_ListedByServiceAndApp_DeletedOnce()
    {
        await Services.AddBindingAsync(Binding("db", "web", "DATABASE"), Ct);
        await Services.AddBindingAsync(Binding("db2", "web", "DB2"), Ct);
        await Services.AddBindingAsync(Binding("db", "api", "DATABASE"), Ct);

        Assert.Equal(["api", "web"], (await Services.ListBindingsAsync("db", null, Ct)).Select(b => b.AppId).Order());
        Assert.Equal(["DATABASE", "DB2"], (await Services.ListBindingsAsync(null, "web", Ct)).Select(b => b.Prefix).Order());
        var one = Assert.Single(await Services.ListBindingsAsync("db2", "web", Ct));
        Assert.Equal(("berth_db2web", "aesgcm:v1:sealed"), (one.User, one.SealedPassword));

        Assert.True(await Services.DeleteBindingAsync("db", "web", Ct));
        Assert.False(await Services.DeleteBindingAsync("db", "web", Ct));
        Assert.Equal(["DB2"], (await Services.ListBindingsAsync(null, "web", Ct)).Select(b => b.Prefix));
    }

    [Fact]
    public async Task AddBindingAsync_SameServiceOrSamePrefix_Conflict()
    {
        await Services.AddBindingAsync(Binding("db", "web", "DATABASE"), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => Services.AddBindingAsync(Binding("db", "web", "OTHER"), Ct));
        await Assert.ThrowsAsync<ConflictException>(() => Services.AddBindingAsync(Binding("db2", "web", "DATABASE"), Ct));
        Assert.Single(await Services.ListBindingsAsync(null, "web", Ct));
    }

    [Fact]
    public async Task SaveBackupAsync_RunningThenSucceeded_ListedNewestFirstWithItsOutcome()
    {
        var started = new ServiceBackup { Id = "b-1", ServiceId = "db", Type = ServiceType.Redis, State = BackupState.Running, File = "db/b-1.rdb", CreatedAt = DateTimeOffset.UnixEpoch };
        await Services.SaveBackupAsync(started, Ct);
        await Services.SaveBackupAsync(started with { Id = "b-2", File = "db/b-2.rdb", CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(1) }, Ct);
        var done = started with { State = BackupState.Succeeded, SizeBytes = 5_000_000_000, Sha256 = new string('a', 64), FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(3) };
        await Services.SaveBackupAsync(done, Ct);

        var listed = await Services.ListBackupsAsync("db", Ct);
        Assert.Equal(["b-2", "b-1"], listed.Select(b => b.Id));
        Assert.Equal(done, listed[1]);
        Assert.Empty(await Services.ListBackupsAsync("other", Ct));
    }
}
