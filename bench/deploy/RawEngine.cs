using System.Diagnostics;
using Berth.Bench.Shared;

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
            ids.Add(await Docker.RunAsync($"run -d --init -m 64m -c 256 -p 127.0.0.1:{firstPort + i}:8080 {image}"));
        }

        var ready = Enumerable.Range(0, instances)
            .Select(async i => { await Http.UntilOkAsync($"http://127.0.0.1:{firstPort + i}/"); return clock.Elapsed; })
            .ToList();
        var first = await await Task.WhenAny(ready);
        var all = (await Task.WhenAll(ready)).Max();
        await Docker.RunAsync("rm -f " + string.Join(' ', ids));
        return new Measurement("docker run + curl", instances, first, all);
    }
}
