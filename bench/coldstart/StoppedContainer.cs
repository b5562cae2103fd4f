using System.Diagnostics;
using Berth.Bench.Deploy;
using Berth.Bench.Shared;

namespace Berth.Bench.ColdStart;

/// <summary>The baseline: a stopped container of the same image, <c>docker start</c>ed and then curled until 200, stopped again after.</summary>
internal sealed class StoppedContainer(string id, int port) : IAsyncDisposable
{
    public static async Task<StoppedContainer> CreateAsync(string image, int port)
    {
        var id = await DockerAsync($"create --init -m 64m -c 256 -p 127.0.0.1:{port}:8080 {image}");
        return new StoppedContainer(id, port);
    }

    public async Task<Measurement> MeasureAsync()
    {
        var clock = Stopwatch.StartNew();
        await DockerAsync($"start {id}");
        await Http.UntilOkAsync($"http://127.0.0.1:{port}/");
        var took = clock.Elapsed;
        await DockerAsync($"stop {id}");
        return new Measurement("docker start + curl", 1, took, took);
    }

    public async ValueTask DisposeAsync() => await DockerAsync($"rm -f {id}");

    private static async Task<string> DockerAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker {arguments} failed: {await process.StandardError.ReadToEndAsync()}");
        }

        return output.Trim();
    }
}
