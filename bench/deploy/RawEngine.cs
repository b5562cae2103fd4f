using System.Diagnostics;

namespace Berth.Bench.Deploy;

/// <summary>The baseline: <c>docker run -d -p … -m … -c …</c> per instance, then curl until 200.</summary>
internal sealed class RawEngine(string image)
{
    public async Task<Measurement> MeasureAsync(int instances, int firstPort)
    {
        var ids = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < instances; i++)
        {
            ids.Add(await DockerAsync($"run -d --init -m 64m -c 256 -p 127.0.0.1:{firstPort + i}:8080 {image}"));
        }

        var ready = Enumerable.Range(0, instances)
            .Select(async i => { await Http.UntilOkAsync($"http://127.0.0.1:{firstPort + i}/"); return clock.Elapsed; })
            .ToList();
        var first = await await Task.WhenAny(ready);
        var all = (await Task.WhenAll(ready)).Max();
        await DockerAsync("rm -f " + string.Join(' ', ids));
        return new Measurement("docker run + curl", instances, first, all);
    }

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
