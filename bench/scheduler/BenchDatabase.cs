using Berth.Core.State;
using Berth.State.Postgres;
using Berth.State.Sqlite;
using Npgsql;

namespace Berth.Bench.Scheduler;

/// <summary>A fresh, empty database for one run, opened as often as schedulers need, and removed afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    // The server and role of scripts/start-postgres.sh; BERTH_BENCH_POSTGRES overrides it.
    private static readonly string PostgresAdmin =
        Environment.GetEnvironmentVariable("BERTH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=berth;Password=berth;Database=postgres";

    private readonly string _kind;
    private readonly string _target;

    private BenchDatabase(string kind, string target)
    {
        _kind = kind;
        _target = target;
    }

    public static async Task<BenchDatabase> CreateAsync(string kind)
    {
        switch (kind)
        {
            case "sqlite":
                return new BenchDatabase(kind, Path.Combine(Directory.CreateTempSubdirectory("berth-bench-").FullName, "berth.db"));
            case "postgres":
                var name = $"berth_bench_{Guid.NewGuid():N}";
                await AdminAsync($"CREATE DATABASE {name}");
                return new BenchDatabase(kind, new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ToString());
            default:
                throw new ArgumentException($"unknown database '{kind}': use sqlite or postgres");
        }
    }

    /// <summary>A store of its own, as another control-plane process would have.</summary>
    public IStateStore Open() => _kind == "sqlite"
        ? new SqliteStateStore(_target, TimeProvider.System)
        : new PostgresStateStore(_target, TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        if (_kind == "sqlite")
        {
            Directory.Delete(Path.GetDirectoryName(_target)!, recursive: true);
            return;
        }
        await AdminAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(_target).Database} WITH (FORCE)");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
