using Berth.Bench.Services;

// Time from asking for a service to its first successful query: through Berth (`POST /v1/services`, which answers once
// the server answered its protocol's query) against `docker run` of the same image with a volume and a published port,
// polled with the same query. Rounds interleaved so both sides see the same machine noise.
var repo = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var rounds = args.Length > 1 ? int.Parse(args[1]) : 3;

await using var berth = await BerthProcess.StartAsync(repo);
var results = new List<Measurement>();
foreach (var kind in ServiceKinds.All)
{
    for (var round = 0; round < rounds; round++)
    {
        results.Add(await RawEngine.MeasureAsync(kind, round, port: 27600 + round));
        results.Add(await berth.MeasureAsync(kind));
    }
}

Report.Print(results);
