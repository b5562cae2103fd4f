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

    /// <summary>
    /// Whether a binding's user logs in with its password over TCP, from inside the service's container (the server's
    /// own client), and runs a query.
    /// </summary>
    public static async Task<bool> CanLoginAsync(string type, string containerId, string database, string user, string password)
    {
        try
        {
            var answer = type switch
            {
                "redis" => await DockerCli.RunAsync(null, "exec", containerId, "redis-cli", "--no-auth-warning", "-u", $"redis://{user}:{password}@127.0.0.1:6379/0", "PING"),
                "mariadb" => await DockerCli.RunAsync(null, "exec", containerId, "mariadb", "-h", "127.0.0.1", "-P", "3306", "-u", user, $"-p{password}", "-N", "-B", database, "-e", "SELECT 1"),
                _ => await DockerCli.RunAsync(null, "exec", containerId, "psql", $"postgresql://{user}:{password}@127.0.0.1:5432/{database}", "-tAc", "SELECT 1"),
            };
            return answer.Trim() is "PONG" or "1";
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Drops the counter sample's data as the administrator: its key (Redis) or its table.</summary>
    public static Task DropCounterAsync(string type, string containerId, string database, string adminPassword) => type switch
    {
        "redis" => DockerCli.RunAsync(null, "exec", containerId, "redis-cli", "--no-auth-warning", "-a", adminPassword, "DEL", "count"),
        "mariadb" => DockerCli.RunAsync(null, "exec", containerId, "mariadb", "-e", $"DROP TABLE {database}.counter"),
        _ => DockerCli.RunAsync(null, "exec", containerId, "psql", "-h", "/run/postgresql", "-p", "5432", "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-c", "DROP TABLE counter"),
    };
}
