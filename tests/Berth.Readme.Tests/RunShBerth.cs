using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Berth.Readme.Tests;

/// <summary>
/// Berth started the way the README tells a new user to: <c>./run.sh</c>, here inside a <see cref="Sandbox"/>. On
/// disposal the apps are removed, Berth is stopped as Ctrl-C would, and whatever it left is removed: containers, the
/// sample images it tagged, its registry.
/// </summary>
internal sealed class RunShBerth : IAsyncDisposable
{
    /// <summary>What run.sh prints once its set-up is done.</summary>
    public const string Ready = "[run] ready:";

    /// <summary>
    /// Bounds a Release build of the whole solution and Berth's start; only a hang gets near it (the build alone took
    /// over 30 minutes on the shared 2-core machine while six others built and tested).
    /// </summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(75);

    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(3);

    private readonly Sandbox _sandbox;
    private readonly ShellProcess _runSh;

    private RunShBerth(Sandbox sandbox, ShellProcess runSh, string apiUrl)
    {
        _sandbox = sandbox;
        _runSh = runSh;
        ApiUrl = apiUrl;
    }

    /// <summary>The API's URL run.sh was given (its default unless the test chose ports).</summary>
    public string ApiUrl { get; }

    /// <summary>Whether run.sh (and so Berth) still runs.</summary>
    public bool IsRunning => !_runSh.HasExited;

    /// <summary>Everything run.sh and Berth printed so far.</summary>
    public string Output => _runSh.Output;

    /// <summary>
    /// Starts run.sh, on the given ports or on its defaults (7070, 7080), and waits until it says it is ready; fails
    /// with its output when it ends first.
    /// </summary>
    public static async Task<RunShBerth> StartAsync(Sandbox sandbox, int? apiPort = null, int? gatewayPort = null, string name = "run.sh")
    {
        var apiUrl = $"http://127.0.0.1:{apiPort ?? 7070}";
        var ports = apiPort is null ? "" : $"BERTH_API_URL={apiUrl} BERTH_GATEWAY_URL=http://127.0.0.1:{gatewayPort} ";
        var berth = new RunShBerth(sandbox, sandbox.Start($"{ports}exec '{Path.Combine(Repository.Root, "run.sh")}'", name), apiUrl);
        if (!await berth._runSh.WaitForOutputAsync(new Regex(Regex.Escape(Ready)), StartLimit))
        {
            var output = berth.Output;
            await berth.DisposeAsync();
            Assert.Fail($"./run.sh did not say it was ready:\n{output}");
        }

        return berth;
    }

    /// <summary>Stops Berth as Ctrl-C in run.sh's terminal would; its containers keep running.</summary>
    public Task StopAsync() => _runSh.StopAsync(TimeSpan.FromMinutes(1));

    public async ValueTask DisposeAsync()
    {
        // No admin token: Berth never started, so there are no apps to remove.
        var started = File.Exists(Path.Combine(_sandbox.Work, "data", "admin.token"));
        var containers = started && !_runSh.HasExited ? await RemoveAppsAsync() : [];
        await StopAsync();
        _runSh.Dispose();
        if (containers.Count > 0)
        {
            await _sandbox.RunAsync($"docker rm -f {string.Join(' ', containers)} >/dev/null 2>&1 || true", "cleanup-containers", CommandLimit);
        }

        await _sandbox.RunAsync(
            $"docker images --format '{{{{.Repository}}}}:{{{{.Tag}}}}' --filter 'reference={_sandbox.Registry}/*' | xargs -r docker rmi -f >/dev/null",
            "cleanup-images",
            CommandLimit);
        await StopRegistryAsync();
    }

    /// <summary>Removes every app as the admin; returns their containers, to remove by hand should Berth not have.</summary>
    private async Task<List<string>> RemoveAppsAsync()
    {
        var token = $"--url {ApiUrl} --token '{_sandbox.AdminToken}'";
        var containers = new List<string>();
        var (listed, apps) = await _sandbox.RunAsync($"./berth apps ls --json {token}", "cleanup-apps", CommandLimit);
        if (listed != 0)
        {
            return containers;
        }

        foreach (var app in Strings(apps, "id"))
        {
            var (_, instances) = await _sandbox.RunAsync($"./berth instances {app} --json {token}", "cleanup-instances", CommandLimit);
            containers.AddRange(Strings(instances, "containerId"));
            await _sandbox.RunAsync($"./berth apps rm {app} {token}", "cleanup-rm", CommandLimit);
        }

        return containers;
    }

    /// <summary>The values of <paramref name="property"/> in a JSON array of objects; none when it is not one.</summary>
    private static IEnumerable<string> Strings(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray()
                .Select(item => item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "")
                .Where(value => value.Length > 0)
                .ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    /// <summary>Stops the registry start-registry.sh started for the sandbox, by the pid it recorded.</summary>
    private async Task StopRegistryAsync()
    {
        var address = _sandbox.Registry.Split(':');
        var pidFile = Path.Combine(_sandbox.Run, $"registry-{address[0]}-{address[1]}", "registry.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        try
        {
            using var registry = Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture));
            // A pid of a registry that exited may name another process by now.
            if (registry.ProcessName == "docker-registry")
            {
                registry.Kill();
                await registry.WaitForExitAsync();
            }
        }
        catch (ArgumentException)
        {
            // Exited already.
        }
    }
}
