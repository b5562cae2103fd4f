using System.Diagnostics;
using System.Globalization;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// A Docker engine of the tests' own, beside the shared one (which must never be stopped): own socket, data, exec root,
/// pid file, bridge <c>berth9</c> (172.31.9.1/24) and cgroup parent, no iptables. Tests stop, freeze and restart it at will.
/// A lock file keeps two test runs from using it at once; whatever a killed run left is cleaned up first.
/// </summary>
public sealed class PrivateEngine : IAsyncLifetime
{
    public const string Bridge = "berth9";
    public const string AdvertiseIp = "127.0.0.9";
    private const string Root = "/tmp/berth9-engine";
    private const string Socket = Root + "/docker.sock";
    private const string PidFile = Root + "/docker.pid";

    private FileStream? _lockFile;

    public string Endpoint => $"unix://{Socket}";

    public async ValueTask InitializeAsync()
    {
        _lockFile = await LockAsync();
        await CleanUpAsync();
        await ShAsync($"ip link add {Bridge} type bridge && ip addr add 172.31.9.1/24 dev {Bridge} && ip link set {Bridge} up && mkdir -p {Root}");
        await StartAsync();
        await DockerCli.RunAsync(Endpoint, "pull", "-q", "127.0.0.1:5000/hello:v1");
    }

    /// <summary>Starts the engine and waits until it answers.</summary>
    public async Task StartAsync()
    {
        await ShAsync(
            $"setsid dockerd --host {Endpoint} --data-root {Root}/data --exec-root {Root}/exec --pidfile {PidFile} --bridge {Bridge} " +
            $"--iptables=false --ip-masq=false --storage-driver=vfs --cgroup-parent /{Bridge} </dev/null >>{Root}/dockerd.log 2>&1 &");
        var clock = Stopwatch.StartNew();
        while (await ShAsync($"curl -sf --unix-socket {Socket} http://engine/_ping >/dev/null", check: false) != 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the private engine did not start: {await File.ReadAllTextAsync($"{Root}/dockerd.log")}");
            await Task.Delay(100);
        }
    }

    /// <summary>Stops the engine as an operator would (SIGTERM): it stops its containers and exits.</summary>
    public async Task StopAsync()
    {
        if (Pid() is not { } pid)
        {
            return;
        }

        await ShAsync($"kill -TERM {pid}; while kill -0 {pid} 2>/dev/null; do sleep 0.1; done");
    }

    /// <summary>Freezes the engine (SIGSTOP): its containers run on, but it answers nothing, like a host cut off.</summary>
    public Task FreezeAsync() => ShAsync($"kill -STOP {Pid()}");

    public Task ThawAsync() => ShAsync($"kill -CONT {Pid()}");

    /// <summary>The container ids (full) of the app's containers on this engine, with their state.</summary>
    public async Task<Dictionary<string, string>> ContainersOfAsync(string appId) =>
        (await DockerCli.RunAsync(Endpoint, "ps", "-a", "--no-trunc", "--filter", $"label=berth.app={appId}", "--format", "{{.ID}} {{.State}}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);

    public async ValueTask DisposeAsync()
    {
        await CleanUpAsync();
        _lockFile?.Dispose();
    }

    private async Task CleanUpAsync()
    {
        if (Pid() is { } pid)
        {
            await ShAsync($"kill -CONT {pid}; docker -H {Endpoint} ps -aq | xargs -r docker -H {Endpoint} rm -f >/dev/null", check: false);
            await StopAsync();
        }

        await ShAsync($"ip link del {Bridge} 2>/dev/null; rm -rf {Root}; for d in /sys/fs/cgroup/*/{Bridge}; do rmdir $d 2>/dev/null; done; true", check: false);
    }

    private static int? Pid() =>
        File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && Directory.Exists($"/proc/{pid}") ? pid : null;

    /// <summary>An exclusive lock on a file outside the engine's folder, held while the fixture lives.</summary>
    private static async Task<FileStream> LockAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream("/tmp/berth9-engine.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<int> ShAsync(string script, bool check = true)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{script}' failed ({process.ExitCode}): {await error}");
        }

        return process.ExitCode;
    }
}
