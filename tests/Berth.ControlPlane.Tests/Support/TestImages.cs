using System.Diagnostics;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>Images made for tests only, imported into the local engine (never pushed), so Berth finds them without a pull.</summary>
public static class TestImages
{
    /// <summary>The repository of an app whose every start writes two lines and exits with 3: an instance that never starts.</summary>
    public const string Crashing = "berth-test-crashing";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes <c>127.0.0.1:5000/berth-test-crashing:v1</c> on the shared engine unless it is there.</summary>
    public static async Task EnsureCrashingAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var tag = $"127.0.0.1:5000/{Crashing}:v1";
            if (await RunAsync($"docker image inspect {tag} >/dev/null 2>&1") == 0)
            {
                return;
            }

            // A busybox root with one shell, like the hello sample, and a command that fails loudly.
            var root = Directory.CreateTempSubdirectory("berth-crashing-").FullName;
            try
            {
                var script =
                    $"set -e; cd {root}; mkdir bin; cp /bin/busybox bin/busybox; ln -s busybox bin/sh; " +
                    "tar --numeric-owner --owner=0 --group=0 -cf - . | docker import " +
                    "--change 'CMD [\"/bin/sh\",\"-c\",\"echo crashing: reading settings; echo fatal: no database configured >&2; exit 3\"]' " +
                    $"- {tag} >/dev/null";
                Assert.Equal(0, await RunAsync(script));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<int> RunAsync(string script)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
