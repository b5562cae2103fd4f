using System.Diagnostics;
using Berth.Bench.Shared;

namespace Berth.Bench.Services;

/// <summary>The baseline: <c>docker run -d</c> of the same image with a fresh volume and a published port, then the query until it answers.</summary>
internal static class RawEngine
{
    private const string Password = "benchbenchbench";

    public static async Task<Measurement> MeasureAsync(ServiceKinds kind, int round, int port)
    {
        var name = $"bench-svc-{kind.Type}-{Environment.ProcessId}-{round}";
        var clock = Stopwatch.StartNew();
        var id = await Docker.RunAsync($"run -d --name {name} -m 256m -e BERTH_ADMIN_PASSWORD={Password} -v {name}:{kind.DataPath} -p 127.0.0.1:{port}:{kind.Port} {kind.Image}");
        await Query.UntilAnsweredAsync(kind.Type, port, Password, TimeSpan.FromMinutes(3));
        var first = clock.Elapsed;
        await Docker.RunAsync($"rm -f {id}");
        await Docker.RunAsync($"volume rm {name}");
        return new Measurement("docker run", kind.Type, first);
    }
}
