
namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// An etcd member of one test's own, on free loopback ports with a throw-away data folder. The shared member
/// (scripts/start-etcd.sh) holds one installation's <c>/caas/</c> tree: another control plane on it (the other etcd
/// tests') would stand in the same election and its reconciler would withdraw this test's apps as foreign.
/// </summary>
public sealed class PrivateEtcd : IAsyncDisposable
{
    private readonly ChildProcess process;
    private readonly string dataDirectory;

    private PrivateEtcd(ChildProcess process, string dataDirectory, string endpoint)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        Endpoint = endpoint;
    }

    /// <summary>The client URL, for <c>--discovery-endpoint</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Starts etcd (the Debian <c>etcd-server</c> binary) and waits until it reports itself healthy.</summary>
    public static async Task<PrivateEtcd> StartAsync()
    {
        var client = $"http://127.0.0.1:{BerthProcess.FreePort()}";
        var peer = $"http://127.0.0.1:{BerthProcess.FreePort()}";
        var data = Directory.CreateTempSubdirectory("berth-etcd-").FullName;
        var process = ChildProcess.Start(
            "etcd",
            [
                "--name", "leader-test", "--data-dir", Path.Combine(data, "member"),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", $"leader-test={peer}",
            ]);
        var etcd = new PrivateEtcd(process, data, client);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.TrueAsync(async () =>
        {
            try
            {
                return (await http.GetStringAsync($"{client}/health")).Contains("\"true\"", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "a private etcd answering healthy", diagnose: () => etcd.Output);
        return etcd;
    }

    private string Output => process.Output;

    public async ValueTask DisposeAsync()
    {
        await process.KillAsync();
        process.Dispose();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
