using Berth.Bench.Deploy;
using Berth.Bench.Shared;

// Time to first 200 for a deployment through Berth against the same containers started by hand
// with the engine, measured in one run, rounds interleaved so both sides see the same machine noise.
var repo = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
const string Image = "127.0.0.1:5000/hello:v1";

await using var berth = await BerthProcess.StartAsync(repo, apiPort: 17070, portRange: "27000-27099");
var idleRss = berth.RssMb();
var deploys = new DeployRounds(berth, berth.Admin);
var raw = new RawEngine(Image);
var results = new List<Measurement>();
foreach (var instances in new[] { 1, 10 })
{
    for (var round = 0; round < rounds; round++)
    {
        results.Add(await raw.MeasureAsync(instances, firstPort: 27500));
        results.Add(await deploys.MeasureAsync(instances));
    }
}

Report.Print(results, idleRss, berth.RssMb());
