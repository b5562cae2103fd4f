using System.Diagnostics;

namespace Berth.Bench.Shared;

/// <summary>The plain Docker client, as a person would type it: the benchmarks' baseline side.</summary>
public static class Docker
{
    /// <summary>Runs <c>docker ARGUMENTS</c>; returns its output, trimmed.</summary>
    /// <exception cref="InvalidOperationException">It exited non-zero; the message holds its error output.</exception>
    public static async Task<string> RunAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker {arguments} failed: {await error}");
        }

        return (await output).Trim();
    }

    /// <summary>Runs <c>sh -c SCRIPT</c> (for redirections: a dump into a file, a file into a client); throws when it fails.</summary>
    public static async Task ShAsync(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{script}` failed: {await error}");
        }
    }
}
