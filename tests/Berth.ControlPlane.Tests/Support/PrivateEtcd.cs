
namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// An etcd member of one test's own, on free loopback ports with a throw-away data folder. The shared member
/// (scripts/start-etcd.sh) holds one installation's <c>/caas/</c> tree: another control plane on it (the other etcd
/// tests') would stand in the same election and its reconciler would withdraw this test's apps as foreign.
/// </summary>
public sealed class PrivateEtcd : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly string _peer;
    private ChildProcess _process;

    private PrivateEtcd(string dataDirectory, string endpoint, string peer)
    {
        _dataDirectory = dataDirectory;
        _peer = peer;
        Endpoint = endpoint;
        _process = Launch();
    }

    /// <summary>The client URL, for <c>--discovery-endpoint</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Starts etcd (the Debian <c>etcd-server</c> binary) and waits until it reports itself healthy.</summary>
    public static async Task<PrivateEtcd> StartAsync()
    {
        var etcd = new PrivateEtcd(
            Directory.CreateTempSubdirectory("berth-etcd-").FullName,
            $"http://127.0.0.1:{BerthProcess.FreePort()}",
            $"http://127.0.0.1:{BerthProcess.FreePort()}");
        await etcd.WaitHealthyAsync();
        return etcd;
    }

    /// <summary>SIGKILL: the member is gone as after a crash; its data stays for <see cref="StartAgainAsync"/>.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>Starts the member again on its ports and data, and waits until it reports itself healthy.</summary>
    public async Task StartAgainAsync()
    {
        _process.Dispose();
        _process = Launch();
        await WaitHealthyAsync();
    }

    private string Output => _process.Output;

    public async ValueTask DisposeAsync()
    {
        await _process.KillAsync();
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private ChildProcess Launch() => ChildProcess.Start(
        "etcd",
        [
            "--name", "leader-test", "--data-dir", Path.Combine(_dataDirectory, "member"),
            "--listen-client-urls", Endpoint, "--advertise-client-urls", Endpoint,
            "--listen-peer-urls", _peer, "--initial-advertise-peer-urls", _peer, "--initial-cluster", $"leader-test={_peer}",
        ]);

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.TrueAsync(async () =>
        {
            try
            {
                return (await http.GetStringAsync($"{Endpoint}/health")).Contains("\"true\"", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "a private etcd answering healthy", diagnose: () => Output);
    }
}
