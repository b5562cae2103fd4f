using System.Net;
using System.Net.Sockets;

namespace Berth.Readme.Tests;

/// <summary>
/// "Install on servers" as an operator does it: the release is built, its package unpacked into a throwaway root, and
/// the installed <c>berth server</c>, <c>berth-gateway</c> and <c>berth</c> CLI alone — no SDK, no source — run the
/// sample on the test engine, reached through the installed gateway. Discovery is a private etcd, so nothing is shared
/// with the other tests.
/// </summary>
[Trait("Duration", "Long")]
public sealed class ReleaseInstallTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly string _work = Directory.CreateTempSubdirectory("berth-release-").FullName;
    private readonly List<ShellProcess> _running = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _running)
        {
            await process.StopAsync(TimeSpan.FromSeconds(10));
            process.Dispose();
        }

        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Release_InstalledFromTheDeb_ServesTheSampleThroughTheInstalledGateway()
    {
        var dist = Path.Combine(_work, "dist");
        await RunAsync($"scripts/release.sh --version 0.0.1 --out {dist}", Repository.Root, TimeSpan.FromMinutes(30));
        await RunAsync("sha256sum -c SHA256SUMS", dist, TimeSpan.FromMinutes(1));

        var root = Path.Combine(_work, "root");
        await RunAsync($"dpkg-deb -x berth_0.0.1_amd64.deb {root}", dist, TimeSpan.FromMinutes(2));
        foreach (var file in new[] { "usr/bin/berth", "usr/bin/berth-gateway", "etc/berth/berth.env",
                     "lib/systemd/system/berth.service", "lib/systemd/system/berth-server.service", "lib/systemd/system/berth-gateway.service" })
        {
            Assert.True(File.Exists(Path.Combine(root, file)), $"the package lacks /{file}");
        }

        Assert.Contains("Type=notify", await File.ReadAllTextAsync(Path.Combine(root, "lib/systemd/system/berth-server.service"), TestContext.Current.CancellationToken));
        var (etcd, api, gateway, ports) = (FreePort(), FreePort(), FreePort(), FreePort());
        var data = Path.Combine(_work, "data");
        Directory.CreateDirectory(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var peer = $"http://127.0.0.1:{FreePort()}";
        var etcdProcess = Start($"etcd --name release --data-dir {_work}/etcd --listen-client-urls http://127.0.0.1:{etcd} --advertise-client-urls http://127.0.0.1:{etcd} " +
              $"--listen-peer-urls {peer} --initial-advertise-peer-urls {peer} --initial-cluster release={peer}", "etcd");
        Assert.True(await AnswersAsync($"http://127.0.0.1:{etcd}/health", etcdProcess), etcdProcess.Output);
        var discovery = $"--discovery etcd --discovery-endpoint http://127.0.0.1:{etcd}";
        var server = Start($"BERTH_DATA={data} {root}/usr/bin/berth server --listen http://127.0.0.1:{api} --port-range {ports}-{ports + 4} {discovery}", "server");
        Assert.True(await AnswersAsync($"http://127.0.0.1:{api}/healthz", server), server.Output);
        // The gateway waits for the base domain the control plane publishes, then routes.
        var edge = Start($"{root}/usr/bin/berth-gateway gateway --listen http://127.0.0.1:{gateway} --https-url '' {discovery}", "gateway");
        Assert.True(await AnswersAsync($"http://127.0.0.1:{gateway}/_berth/health", edge), edge.Output);

        // The installed CLI, the admin's token read from the data folder as an operator would.
        var cli = $"{root}/usr/bin/berth --url http://127.0.0.1:{api} --token \"$(cat {data}/admin.token)\"";
        var app = $"release{Environment.ProcessId}";
        await RunAsync($"{cli} apps create {app} --image hello --memory 32 --cpu-shares 128", _work, Patience);
        await RunAsync($"{cli} deploy {app} v1 --instances 1", _work, Patience);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string body = "";
        for (var attempt = 0; attempt < 60 && !body.StartsWith("hello v1", StringComparison.Ordinal); attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{gateway}/");
            request.Headers.Host = $"{app}.localhost";
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            body = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) : "";
            await Task.Delay(body.Length == 0 ? 500 : 0, TestContext.Current.CancellationToken);
        }

        Assert.True(body.StartsWith("hello v1", StringComparison.Ordinal), $"the gateway never answered the sample; its output:\n{edge.Output}");
        await RunAsync($"{cli} apps rm {app}", _work, Patience);
    }

    private ShellProcess Start(string commandLine, string name)
    {
        var process = ShellProcess.Start(commandLine, _work, new Dictionary<string, string?>(), Path.Combine(_work, $"{name}.log"));
        _running.Add(process);
        return process;
    }

    private async Task RunAsync(string commandLine, string directory, TimeSpan limit)
    {
        using var process = ShellProcess.Start(commandLine, directory, new Dictionary<string, string?>(), Path.Combine(_work, $"step-{Guid.NewGuid():N}.log"));
        Assert.True(await process.WaitAsync(limit), $"'{commandLine}' still ran after {limit}: {process.Output}");
        Assert.True(process.ExitCode == 0, $"'{commandLine}' exited with {process.ExitCode}: {process.Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="url"/> answers 200; false when the process ends or patience runs out.</summary>
    private static async Task<bool> AnswersAsync(string url, ShellProcess process)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + Patience;
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync(url)).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        return false;
    }
}
