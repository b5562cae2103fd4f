using System.Diagnostics;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>The docker command line, as an operator (or a failure) would act on containers behind Berth's back.</summary>
public static class DockerCli
{
    /// <summary>Runs <c>docker ARGS</c> (against <paramref name="host"/> when given) and returns its output; throws when it fails.</summary>
    public static async Task<string> RunAsync(string? host, params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (host is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(host);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
        }

        return (await output).Trim();
    }

    /// <summary>Makes the hello sample's <c>/_ping</c> answer 404 (see samples/hello/README.md).</summary>
    public static Task MakeUnhealthyAsync(string containerId, string? host = null) => RunAsync(host, "exec", containerId, "rm", "-f", "/www/_ping");

    /// <summary>Makes the hello sample's <c>/_ping</c> answer 200 again.</summary>
    public static Task MakeHealthyAsync(string containerId, string? host = null) => RunAsync(host, "exec", containerId, "touch", "/www/_ping");

    public static Task KillAsync(string containerId, string? host = null) => RunAsync(host, "kill", containerId);
}
