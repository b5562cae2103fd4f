using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Berth.ControlPlane.Tests;

/// <summary>The real <c>berth</c> executable in a process of its own, killed when disposed.</summary>
public sealed class BerthProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private BerthProcess(Process process, string url)
    {
        _process = process;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>berth.dll in its own output folder, beside this test project's (artifacts/bin/{project}/{configuration}).</summary>
    public static string Executable =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Berth", new DirectoryInfo(AppContext.BaseDirectory).Name, "berth.dll"));

    /// <summary>
    /// How to start <c>berth gateway</c>: the NativeAOT-published berth-gateway that <c>./berth gateway</c> runs when
    /// test.sh names it in BERTH_GATEWAY_EXECUTABLE (scripts/publish-gateway.sh), the berth executable otherwise.
    /// </summary>
    public static ProcessStartInfo GatewayStartInfo(IEnumerable<string> arguments)
    {
        var aot = Environment.GetEnvironmentVariable("BERTH_GATEWAY_EXECUTABLE");
        var info = string.IsNullOrEmpty(aot)
            ? new ProcessStartInfo("dotnet", [Executable, "gateway", .. arguments])
            : new ProcessStartInfo(aot, ["gateway", .. arguments]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }

    public string Url { get; }

    public HttpClient Client { get; }

    /// <summary>Starts <c>berth gateway</c> on a free loopback port and waits until it has read discovery.</summary>
    public static Task<BerthProcess> StartGatewayAsync(params string[] discoveryArguments) =>
        StartGatewayAsync($"http://127.0.0.1:{FreePort()}", new Dictionary<string, string>(), discoveryArguments);

    /// <summary>Starts <c>berth gateway</c> listening on <paramref name="url"/> with extra variables, and waits until it has read discovery.</summary>
    public static async Task<BerthProcess> StartGatewayAsync(string url, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = GatewayStartInfo(["--listen", url, .. arguments]);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var gateway = new BerthProcess(Process.Start(info)!, url);
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        // Seconds on a quiet machine, far more on a busy 2-core one.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !gateway._process.HasExited)
        {
            try
            {
                if ((await gateway.Client.GetAsync("/_berth/health")).StatusCode == HttpStatusCode.OK)
                {
                    return gateway;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        await gateway.DisposeAsync();
        throw new InvalidOperationException("berth gateway did not become healthy");
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process, as a crash would: no clean shutdown, no deregistration. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
