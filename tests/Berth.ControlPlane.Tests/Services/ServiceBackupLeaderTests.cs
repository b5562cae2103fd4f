using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// Two real <c>berth server</c> processes on one PostgreSQL database and one etcd, with "daily" set to two seconds: a
/// schedule set through the follower is kept by the leader alone. Each control plane writes backups into its own data
/// folder, so every file is in the leader's and none in the follower's, and the backups listed are exactly the leader's
/// files: one backup per period, not one per control plane.
/// </summary>
public sealed class ServiceBackupLeaderTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaderTtl = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly Dictionary<string, string> FastSchedule = new()
    {
        ["BERTH_Berth__BackupSchedule__Daily"] = "00:00:02",
        ["BERTH_Berth__BackupSchedule__CheckInterval"] = "00:00:00.250",
        ["BERTH_Berth__StartupTimeoutSeconds"] = "90",
    };

    private readonly string _service = BerthTestServer.UniqueAppId("leaderbk");
    private PostgresDatabase? _database;
    private PrivateEtcd? _etcd;
    private BerthServerProcess[] _servers = [];
    private string _adminToken = "";

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _etcd = await PrivateEtcd.StartAsync();
        var ports = BerthTestServer.FreeSlice(20);
        var shared = new SharedControlPlaneSettings(
            _database.ConnectionString, _etcd.Endpoint, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), $"{ports}-{ports + 19}", LeaderTtl);
        // One after the other: the first makes the schema and the admin token, the second finds both.
        _servers = [await BerthServerProcess.StartAsync(shared, FastSchedule)];
        _servers = [_servers[0], await BerthServerProcess.StartAsync(shared, FastSchedule)];
        _adminToken = (await File.ReadAllTextAsync(_servers[0].AdminTokenPath)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (_servers.Length > 0)
        {
            using var admin = _servers[0].Client(_adminToken);
            await admin.DeleteAsync($"/v1/services/{_service}?purge=true");
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        var left = await DockerCli.RunAsync(null, "ps", "-aq", "--filter", $"label=berth.service={_service}");
        if (left.Length > 0)
        {
            await DockerCli.RunAsync(null, ["rm", "-f", .. left.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
        }

        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Schedule_TwoControlPlanes_OnlyTheLeaderTakesTheBackups()
    {
        var (leader, follower) = await LeadershipAsync();
        using var viaFollower = follower.Client(_adminToken);
        var created = await viaFollower.PostAsJsonAsync("/v1/services", new { name = _service, type = "redis" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created && body.GetProperty("state").GetString() == "running", body.ToString());
        var set = await viaFollower.PutAsJsonAsync($"/v1/services/{_service}/backup-schedule", new { period = "daily", keep = 100 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        JsonElement[] succeeded = [];
        await Poll.TrueAsync(async () =>
        {
            succeeded = [.. (await viaFollower.GetFromJsonAsync<JsonElement[]>($"/v1/services/{_service}/backups", BerthTestServer.Json) ?? [])
                .Where(b => b.GetProperty("state").GetString() == "succeeded")];
            return succeeded.Length >= 3;
        }, Limit, "three scheduled backups", diagnose: () => $"{leader.Output}\n--- follower:\n{follower.Output}");
        // With the schedule gone, the list settles: every backup ended, and each is a file the leader wrote.
        Assert.Equal(HttpStatusCode.NoContent, (await viaFollower.DeleteAsync($"/v1/services/{_service}/backup-schedule")).StatusCode);
        var folder = Path.Combine(leader.BackupsPath, _service);
        JsonElement[] backups = [];
        List<string> files = [];
        await Poll.TrueAsync(async () =>
        {
            backups = await viaFollower.GetFromJsonAsync<JsonElement[]>($"/v1/services/{_service}/backups", BerthTestServer.Json) ?? [];
            files = [.. Directory.GetFiles(folder).Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];
            return backups.All(b => b.GetProperty("state").GetString() == "succeeded")
                && backups.Select(b => b.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).SequenceEqual(files);
        }, Limit, "every backup listed being a file the leader wrote", diagnose: () => $"listed {string.Join(", ", backups)}; leader's files {string.Join(", ", files)}");

        Assert.True(backups.Length >= 3);
        Assert.False(Directory.Exists(Path.Combine(follower.BackupsPath, _service)), "the follower wrote backups");
    }

    /// <summary>Waits until both control planes agree that exactly one of them leads and runs the backup scheduler.</summary>
    private async Task<(BerthServerProcess Leader, BerthServerProcess Follower)> LeadershipAsync()
    {
        var admins = _servers.Select(s => s.Client(_adminToken)).ToArray();
        try
        {
            JsonElement[] views = [];
            await Poll.TrueAsync(async () =>
            {
                views = await Task.WhenAll(admins.Select(BerthServerProcess.LeaderViewAsync));
                var leading = views.Where(v => v.GetProperty("leading").GetBoolean()).ToList();
                return leading.Count == 1
                    && leading[0].GetProperty("work").EnumerateArray().Any(w => w.GetString() == "backup scheduler")
                    && views.All(v => v.GetProperty("leader").GetString() == leading[0].GetProperty("self").GetString());
            }, TimeSpan.FromSeconds(30), "one leader both agree on", diagnose: () => string.Join("\n", views));

            var index = views[0].GetProperty("leading").GetBoolean() ? 0 : 1;
            Assert.Empty(views[1 - index].GetProperty("work").EnumerateArray());
            return (_servers[index], _servers[1 - index]);
        }
        finally
        {
            foreach (var admin in admins)
            {
                admin.Dispose();
            }
        }
    }
}
