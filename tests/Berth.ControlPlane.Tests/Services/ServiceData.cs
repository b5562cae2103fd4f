using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>Writes and reads a number inside a service's container with the server's own client, as its administrator.</summary>
internal static class ServiceData
{
    public static Task WriteAsync(string type, string containerId, string database, string adminPassword, int value) => type switch
    {
        "redis" => DockerCli.RunAsync(null, "exec", containerId, "redis-cli", "--no-auth-warning", "-a", adminPassword, "SET", "n", $"{value}"),
        "mariadb" => DockerCli.RunAsync(null, "exec", containerId, "mariadb", "-e",
            $"CREATE TABLE IF NOT EXISTS {database}.t (n int); DELETE FROM {database}.t; INSERT INTO {database}.t VALUES ({value})"),
        _ => DockerCli.RunAsync(null, "exec", containerId, "psql", "-h", "/run/postgresql", "-p", "5432", "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-c",
            $"CREATE TABLE IF NOT EXISTS t (n int); DELETE FROM t; INSERT INTO t VALUES ({value})"),
    };

    public static async Task<string> ReadAsync(string type, string containerId, string database, string adminPassword) => (type switch
    {
        "redis" => await DockerCli.RunAsync(null, "exec", containerId, "redis-cli", "--no-auth-warning", "-a", adminPassword, "GET", "n"),
        "mariadb" => await DockerCli.RunAsync(null, "exec", containerId, "mariadb", "-N", "-B", "-e", $"SELECT n FROM {database}.t"),
        _ => await DockerCli.RunAsync(null, "exec", containerId, "psql", "-h", "/run/postgresql", "-p", "5432", "-U", "postgres", "-d", database, "-tAc", "SELECT n FROM t"),
    }).Trim();
}
