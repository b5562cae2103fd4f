namespace Berth.Readme.Tests;

/// <summary>
/// A new user's world in a temporary folder: a working folder where <c>./berth</c> and <c>data</c> resolve as they do in
/// a checkout, a home of its own (so the CLI's saved login is not the real user's), and a <c>BERTH_RUN</c> of its own
/// for run.sh's registry, keys and docker logins, with a registry address that is not the shared one on 5000.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("berth-readme-");

    public Sandbox(int registryPort)
    {
        Registry = $"127.0.0.1:{registryPort}";
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Run);
        Directory.CreateDirectory(Logs);
        // The launcher finds the build next to itself, so it is called rather than linked.
        var berth = Path.Combine(Work, "berth");
        File.WriteAllText(berth, $"#!/bin/sh\nexec '{Path.Combine(Repository.Root, "berth")}' \"$@\"\n");
        File.SetUnixFileMode(berth, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config"),
            ["BERTH_DATA"] = Path.Combine(Work, "data"),
            ["BERTH_RUN"] = Run,
            ["BERTH_REGISTRY"] = Registry,
            // The walkthrough uses no managed service: building their images into the sandbox's registry would cost minutes.
            ["BERTH_SERVICE_IMAGES"] = "0",
            // A developer's own settings would change what the commands do.
            ["BERTH_URL"] = null,
            ["BERTH_TOKEN"] = null,
            ["BERTH_CONFIG"] = null,
            ["BERTH_API_URL"] = null,
            ["BERTH_GATEWAY_URL"] = null,
            ["DOCKER_CONFIG"] = null,
        };
    }

    /// <summary>host:port of the sandbox's registry.</summary>
    public string Registry { get; }

    /// <summary>The folder the README's commands run in.</summary>
    public string Work => Path.Combine(_root.FullName, "work");

    public string Home => Path.Combine(_root.FullName, "home");

    public string Run => Path.Combine(_root.FullName, "run");

    public string Logs => Path.Combine(_root.FullName, "logs");

    /// <summary>The environment every command gets on top of the test's (null: removed).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    public string AdminToken => File.ReadAllText(Path.Combine(Work, "data", "admin.token")).Trim();

    /// <summary>Starts a command line in the working folder, its output in a log named <paramref name="name"/>.</summary>
    public ShellProcess Start(string commandLine, string name) =>
        ShellProcess.Start(commandLine, Work, Environment, Path.Combine(Logs, name + ".log"));

    /// <summary>Runs a command line to its end (at most <paramref name="limit"/>): its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string commandLine, string name, TimeSpan limit)
    {
        using var process = Start(commandLine, name);
        if (!await process.WaitAsync(limit))
        {
            await process.KillAsync();
            return (-1, process.Output + $"\n(still running after {limit}: killed)");
        }

        return (process.ExitCode, process.Output);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
