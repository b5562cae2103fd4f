using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>
/// What runs inside a service's container to dump and restore it, with the server's own tools, as its administrator
/// over the local socket (PostgreSQL trusts it, MariaDB's root@localhost authenticates by socket; Redis takes the
/// password from <c>REDISCLI_AUTH</c>, never the command line).
/// </summary>
internal static class BackupCommands
{
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";

    /// <summary>Where a dump is put in the container for a restore (PostgreSQL, MariaDB).</summary>
    public const string RestoreDirectory = "/tmp";

    /// <summary>The file a Redis restore leaves on the volume: the image's entrypoint loads it at the next start.</summary>
    public const string RedisRestoreFile = "restore.rdb";

    /// <summary>The backup file's extension: SQL text, or Redis's RDB.</summary>
    public static string Extension(ServiceType type) => type == ServiceType.Redis ? "rdb" : "sql";

    /// <summary>Writes the dump to standard output. Without owners or grants, so it restores into another service's database too.</summary>
    public static IReadOnlyList<string> Dump(ManagedService service) => service.Type switch
    {
        ServiceType.Postgres => [$"{PostgresBin}/pg_dump", "-h", "/run/postgresql", "-U", "postgres", "--clean", "--if-exists", "--no-owner", "--no-privileges", service.DatabaseName],
        ServiceType.Mariadb => ["mariadb-dump", "--single-transaction", "--routines", "--triggers", service.DatabaseName],
        _ => ["sh", "-c", "redis-cli --no-auth-warning SAVE >/dev/null && cat /data/dump.rdb"],
    };

    /// <summary>
    /// Loads <paramref name="file"/> (in <see cref="RestoreDirectory"/>) into the service's database. PostgreSQL's runs as
    /// the database's owner role, so the restored tables belong to it and every binding reaches them.
    /// </summary>
    public static IReadOnlyList<string> Restore(ManagedService service, string file) => service.Type switch
    {
        ServiceType.Postgres =>
        [
            $"{PostgresBin}/psql", "-h", "/run/postgresql", "-U", "postgres", "-d", service.DatabaseName, "-v", "ON_ERROR_STOP=1", "-q",
            "-c", $"SET ROLE {service.DatabaseName}_owner", "-f", $"{RestoreDirectory}/{file}",
        ],
        ServiceType.Mariadb => ["sh", "-c", $"mariadb {service.DatabaseName} < {RestoreDirectory}/{file}"],
        _ => throw new ArgumentException("Redis restores by replacing its snapshot and restarting", nameof(service)),
    };

    /// <summary>Removes a restored dump from the container.</summary>
    public static IReadOnlyList<string> Remove(string file) => ["rm", "-f", $"{RestoreDirectory}/{file}"];
}
