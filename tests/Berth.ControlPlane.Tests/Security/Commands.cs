using System.Diagnostics;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>Runs the project's scripts and the docker CLI as a user would, and tells what they said.</summary>
internal static class Commands
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The checkout this test binary was built from (the folder holding Berth.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Runs a command; returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Runs a script of <c>scripts/</c> and fails the test when it fails.</summary>
    public static async Task ScriptAsync(string name, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(Path.Combine(RepositoryRoot, "scripts", name), arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{name} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        }
    }

    /// <summary>The docker CLI with its own config folder, so logins stay with one test's user.</summary>
    public static Task<(int ExitCode, string Output)> DockerAsync(string configDirectory, params string[] arguments) =>
        RunAsync("docker", ["--config", configDirectory, .. arguments]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Berth.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Berth.slnx above {AppContext.BaseDirectory}");
    }
}
