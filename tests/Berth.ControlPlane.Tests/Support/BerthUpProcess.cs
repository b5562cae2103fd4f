using System.Diagnostics;
using System.Net.Http.Headers;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// <c>berth up</c> from this build in a process of its own, so a test can SIGKILL it (through the crash hook) and start
/// it again on the same data folder, ports and host port range.
/// </summary>
public sealed class BerthUpProcess : IAsyncDisposable
{
    private static int _nextRange = Random.Shared.Next(50);

    private readonly ChildProcess _process;

    private BerthUpProcess(ChildProcess process, BerthUpSettings settings)
    {
        _process = process;
        Settings = settings;
    }

    public BerthUpSettings Settings { get; }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => _process.Output;

    /// <summary>Fresh settings: a new data folder, two free loopback ports and a slice of 31000-31999 for instances.</summary>
    public static BerthUpSettings NewSettings()
    {
        var start = 31000 + (Interlocked.Increment(ref _nextRange) % 50 * 20);
        return new BerthUpSettings(Directory.CreateTempSubdirectory("berth-crash-").FullName, BerthProcess.FreePort(), BerthProcess.FreePort(), $"{start}-{start + 19}");
    }

    /// <summary>Starts Berth and waits until its API answers; with <paramref name="crashAt"/> it kills itself at that step.</summary>
    public static async Task<BerthUpProcess> StartAsync(BerthUpSettings settings, string? crashAt = null)
    {
        Assert.True(File.Exists(BerthProcess.Executable), $"{BerthProcess.Executable} is missing: build the solution first");
        // No HTTPS listener: its default port would be shared by every test's process.
        var process = ChildProcess.Start(
            "dotnet",
            [
                BerthProcess.Executable, "up", "--data", settings.DataDirectory, "--listen", settings.ApiUrl, "--gateway-listen", settings.GatewayUrl,
                "--https-url", "", "--port-range", settings.PortRange,
            ],
            new Dictionary<string, string> { ["BERTH_TEST_CRASH_AT"] = crashAt ?? "" });
        var berth = new BerthUpProcess(process, settings);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await probe.GetAsync($"{settings.ApiUrl}/healthz")).IsSuccessStatusCode)
                {
                    return berth;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer in time.
            }

            // A process of its own starts cold (JIT, migrations, the first engine calls): on a busy shared machine that took over two minutes.
            if (berth._process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(180))
            {
                Assert.Fail($"berth up did not start:\n{berth.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A client signed in as the admin.</summary>
    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = new Uri(Settings.ApiUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(Settings.DataDirectory, "admin.token")).Trim());
        return client;
    }

    /// <summary>Waits for the process to die on its own (at its crash point); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"berth did not die within {limit.TotalSeconds} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>A GET through this Berth's gateway with the Host header of the app.</summary>
    public async Task<HttpResponseMessage> ThroughGatewayAsync(string appId)
    {
        using var client = new HttpClient { BaseAddress = new Uri(Settings.GatewayUrl), Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = $"{appId}.localhost";
        return await client.SendAsync(request);
    }

    /// <summary>Stops Berth as Ctrl-C would, or kills it if it does not stop in time.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync();
        _process.Dispose();
    }
}
