using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// Scheduled backups on the real engine with Berth's Redis image, with "daily" set to a few seconds through the
/// options: backups keep coming, only the newest ones are kept (files too), and one that cannot be written is a failed
/// backup with its event while the kept ones stay.
/// </summary>
public sealed class ServiceBackupScheduleTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private string? _service;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options =>
        {
            options.StartupTimeoutSeconds = 90;
            options.BackupSchedule.Daily = TimeSpan.FromSeconds(2);
            options.BackupSchedule.CheckInterval = TimeSpan.FromMilliseconds(250);
        });
        _tenant = await _berth.TenantAsync("schedowner");
    }

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{_service}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Fact]
    public async Task Schedule_Daily_TakesBackupsKeepsNewestAndRecordsFailures()
    {
        _service = BerthTestServer.UniqueAppId("sched");
        var created = await _tenant.PostAsJsonAsync("/v1/services", new { name = _service, type = "redis" });
        Assert.Equal("running", (await created.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json)).GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await _tenant.PutAsJsonAsync($"/v1/services/{_service}/backup-schedule", new { period = "monthly" })).StatusCode);
        var set = await _tenant.PutAsJsonAsync($"/v1/services/{_service}/backup-schedule", new { period = "daily", keep = 2 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(2, (await set.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json)).GetProperty("keep").GetInt32());

        await Eventually.TrueAsync(async () => (await EventTypesAsync()).Count(t => t == "backedUp") >= 4, Limit);
        Assert.True((await BackupsAsync()).Count(b => b.GetProperty("state").GetString() == "succeeded") <= 3);

        // The service's backup folder turned into a file: the next dump cannot be written.
        var folder = Path.Combine(_berth.Options.BackupsPath, _service);
        Directory.Move(folder, folder + ".aside");
        await File.WriteAllTextAsync(folder, "in the way");
        await Eventually.TrueAsync(async () => (await EventTypesAsync()).Contains("backupFailed"), Limit);
        Assert.Contains(await BackupsAsync(), b => b.GetProperty("state").GetString() == "failed" && b.GetProperty("reason").GetString() is { Length: > 0 });

        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/services/{_service}/backup-schedule")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.GetAsync($"/v1/services/{_service}/backup-schedule")).StatusCode);
        File.Delete(folder);
        Directory.Move(folder + ".aside", folder);
        // A scheduled backup begun before the schedule went ends, and is pruned after, with the others.
        await Eventually.TrueAsync(async () =>
        {
            var backups = await BackupsAsync();
            return backups.All(b => b.GetProperty("state").GetString() != "running")
                && backups.Count(b => b.GetProperty("state").GetString() == "succeeded") == 2;
        }, Limit);

        var kept = (await BackupsAsync()).Where(b => b.GetProperty("state").GetString() == "succeeded").ToList();
        var files = Directory.GetFiles(folder);
        Assert.Equal(2, files.Length);
        foreach (var backup in kept)
        {
            var file = Assert.Single(files, f => Path.GetFileName(f).StartsWith(backup.GetProperty("id").GetString()!, StringComparison.Ordinal));
            Assert.Equal(backup.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))));
        }
    }

    private async Task<JsonElement[]> BackupsAsync() =>
        await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/services/{_service}/backups", BerthTestServer.Json) ?? [];

    private async Task<string[]> EventTypesAsync() =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{_service}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];
}
