namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// Shell commands, run inside a container of the counter sample (which has every server's client), that tell whether a
/// service's server is reached at an address and whether a guessed password logs in. Reached means the server itself
/// answered, even if only to refuse: a name that does not resolve or a port that does not answer is not reached.
/// </summary>
/// <param name="Port">The server's port inside its container.</param>
/// <param name="Reach">A command that asks the server at host and port something without credentials.</param>
/// <param name="Answers">What the server's answer (or refusal) to <paramref name="Reach"/> holds, any of them.</param>
/// <param name="Guess">A command that logs in as the administrator with a guessed password.</param>
/// <param name="Refused">What the refusal of <paramref name="Guess"/> says.</param>
internal sealed record ServerProbe(int Port, Func<string, int, string> Reach, string[] Answers, Func<string, int, string> Guess, string Refused)
{
    public static ServerProbe For(string type) => type switch
    {
        "redis" => new(
            6379,
            (host, port) => $"timeout 10 redis-cli -h {host} -p {port} PING",
            ["NOAUTH"],
            (host, port) => $"timeout 10 redis-cli --no-auth-warning -u redis://default:guess@{host}:{port}/0 PING",
            "WRONGPASS"),
        "mariadb" => new(
            3306,
            (host, port) => $"timeout 10 mariadb -h {host} -P {port} -u root -N -B -e 'SELECT 1'",
            ["Access denied", "is not allowed to connect"],
            (host, port) => $"timeout 10 mariadb -h {host} -P {port} -u root -pguess -N -B -e 'SELECT 1'",
            "Access denied"),
        _ => new(
            5432,
            (host, port) => $"timeout 10 pg_isready -h {host} -p {port}",
            ["accepting connections"],
            (host, port) => $"timeout 10 psql postgresql://postgres:guess@{host}:{port}/postgres -tAc 'SELECT 1'",
            "password authentication failed"),
    };

    public bool Reached(string output) => Answers.Any(output.Contains);
}
