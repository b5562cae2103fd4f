namespace Berth.Core.Services;

/// <summary>How one <see cref="ServiceType"/> is run: Berth's base image, the server's port, where its data lives.</summary>
public sealed record ServiceKind(ServiceType Type, string Repository, string DefaultVersion, int Port, string DataPath, int DefaultMemoryMb)
{
    public static readonly ServiceKind Postgres = new(ServiceType.Postgres, "postgres", "15", 5432, "/var/lib/postgresql/data", 256);
    public static readonly ServiceKind Mariadb = new(ServiceType.Mariadb, "mariadb", "10.11", 3306, "/var/lib/mysql", 256);
    public static readonly ServiceKind Redis = new(ServiceType.Redis, "redis", "7", 6379, "/data", 128);

    /// <summary>The kind of <paramref name="type"/>.</summary>
    public static ServiceKind Of(ServiceType type) => type switch
    {
        ServiceType.Postgres => Postgres,
        ServiceType.Mariadb => Mariadb,
        _ => Redis,
    };

    /// <summary>The kind whose base image is the registry's <paramref name="repository"/>; null for any other image.</summary>
    public static ServiceKind? OfRepository(string repository) =>
        new[] { Postgres, Mariadb, Redis }.FirstOrDefault(kind => kind.Repository == repository);

    /// <summary>The versions Berth builds images of (scripts/build-base-services.sh).</summary>
    public bool Supports(string version) => version == DefaultVersion;
}
