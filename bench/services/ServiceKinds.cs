namespace Berth.Bench.Services;

/// <summary>Berth's base service images as <c>docker run</c> needs them: image, the server's port, where its data goes.</summary>
internal sealed record ServiceKinds(string Type, string Image, int Port, string DataPath)
{
    public static readonly IReadOnlyList<ServiceKinds> All =
    [
        new("redis", "127.0.0.1:5000/redis:7", 6379, "/data"),
        new("mariadb", "127.0.0.1:5000/mariadb:10.11", 3306, "/var/lib/mysql"),
        new("postgres", "127.0.0.1:5000/postgres:15", 5432, "/var/lib/postgresql/data"),
    ];
}
