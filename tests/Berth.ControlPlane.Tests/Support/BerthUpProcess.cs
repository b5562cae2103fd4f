using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// <c>berth up</c> from this build in a process of its own, so a test can SIGKILL it (through the crash hook) and start
/// it again on the same data folder, ports and host port range.
/// </summary>
public sealed class BerthUpProcess : IAsyncDisposable
{
    private static int nextRange = Random.Shared.Next(50);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private BerthUpProcess(Process process, BerthUpSettings settings)
    {
        this.process = process;
        Settings = settings;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public BerthUpSettings Settings { get; }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Fresh settings: a new data folder, two free loopback ports and a slice of 31000-31999 for instances.</summary>
    public static BerthUpSettings NewSettings()
    {
        var start = 31000 + (Interlocked.Increment(ref nextRange) % 50 * 20);
        return new BerthUpSettings(Directory.CreateTempSubdirectory("berth-crash-").FullName, FreePort(), FreePort(), $"{start}-{start + 19}");
    }

    /// <summary>Starts Berth and waits until its API answers; with <paramref name="crashAt"/> it kills itself at that step.</summary>
    public static async Task<BerthUpProcess> StartAsync(BerthUpSettings settings, string? crashAt = null)
    {
        Assert.True(File.Exists(BerthProcess.Executable), $"{BerthProcess.Executable} is missing: build the solution first");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { BerthProcess.Executable, "up", "--data", settings.DataDirectory, "--api-url", settings.ApiUrl, "--gateway-url", settings.GatewayUrl, "--port-range", settings.PortRange })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BERTH_TEST_CRASH_AT"] = crashAt ?? "";
        var berth = new BerthUpProcess(Process.Start(start)!, settings);
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

            if (berth.process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
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
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"berth did not die within {limit.TotalSeconds} s:\n{Output}");
        }

        return process.ExitCode;
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
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
