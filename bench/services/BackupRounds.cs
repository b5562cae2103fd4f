using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Bench.Shared;

namespace Berth.Bench.Services;

/// <summary>
/// Backup and restore of a PostgreSQL service holding about 200 MB: through Berth (<c>POST …/backups</c>, <c>POST
/// …/restore</c>: the dump streamed out of the container over the engine's exec API into a file with its SHA-256; the
/// file copied in and loaded with psql) against the same tools run by hand in the same container (<c>docker exec pg_dump
/// &gt; file</c>, <c>docker exec -i psql &lt; file</c>), in one run, interleaved.
/// </summary>
internal sealed class BackupRounds(HttpClient tenant, string service)
{
    private const string Psql = "/usr/lib/postgresql/15/bin/psql -h /run/postgresql -U postgres -v ON_ERROR_STOP=1 -q";
    private const string PgDump = "/usr/lib/postgresql/15/bin/pg_dump -h /run/postgresql -U postgres --clean --if-exists --no-owner --no-privileges";
    private string Container => $"berth-svc-{service}";
    private string Database => service.Replace('-', '_');

    /// <summary>Creates the service and fills it with about <paramref name="megabytes"/> MB of rows; returns the database's size in bytes.</summary>
    public async Task<long> PrepareAsync(int megabytes)
    {
        var created = await tenant.PostAsJsonAsync("/v1/services", new { name = service, type = "postgres", memoryMb = 1024 });
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        if (view.GetProperty("state").GetString() != "running")
        {
            throw new InvalidOperationException($"service {service} did not start: {view}");
        }

        // About 200 bytes a row on disk and in the dump; owned by the database's owner role, as Berth's restores leave it.
        var rows = megabytes * 5_000;
        await Docker.RunAsync($"exec {Container} {Psql} -d {Database} -c \"SET ROLE {Database}_owner; CREATE TABLE bench AS SELECT g AS id, repeat(md5(g::text), 5) AS pad FROM generate_series(1, {rows}) g\"");
        return long.Parse(await Docker.RunAsync($"exec {Container} {Psql} -d {Database} -tAc \"SELECT pg_database_size('{Database}')\""), CultureInfo.InvariantCulture);
    }

    public async Task<(Throughput Backup, Throughput Restore)> ThroughBerthAsync()
    {
        var clock = Stopwatch.StartNew();
        var backup = await (await tenant.PostAsync($"/v1/services/{service}/backups", null)).Content.ReadFromJsonAsync<JsonElement>();
        var dumped = clock.Elapsed;
        if (backup.GetProperty("state").GetString() != "succeeded")
        {
            throw new InvalidOperationException($"the backup failed: {backup}");
        }

        var bytes = backup.GetProperty("sizeBytes").GetInt64();
        clock.Restart();
        (await tenant.PostAsJsonAsync($"/v1/services/{service}/restore", new { backup = backup.GetProperty("id").GetString() })).EnsureSuccessStatusCode();
        var restored = clock.Elapsed;
        return (new Throughput("berth", "backup", bytes, dumped), new Throughput("berth", "restore", bytes, restored));
    }

    public async Task<(Throughput Backup, Throughput Restore)> ByHandAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-dump-{Environment.ProcessId}.sql");
        try
        {
            var clock = Stopwatch.StartNew();
            await Docker.ShAsync($"docker exec {Container} {PgDump} {Database} > {file}");
            var dumped = clock.Elapsed;
            var bytes = new FileInfo(file).Length;
            clock.Restart();
            await Docker.ShAsync($"docker exec -i {Container} {Psql} -d {Database} -c 'SET ROLE {Database}_owner' -f - < {file} > /dev/null");
            var restored = clock.Elapsed;
            return (new Throughput("by hand", "backup", bytes, dumped), new Throughput("by hand", "restore", bytes, restored));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task RemoveAsync() => (await tenant.DeleteAsync($"/v1/services/{service}?purge=true")).EnsureSuccessStatusCode();
}
