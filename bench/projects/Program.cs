using Berth.Bench.Projects;
using Berth.Bench.Shared;

// Deploy time of the three-service sample project (samples/shop: web -> api -> kv, each started once the one it
// depends on is healthy) through Berth, beside `docker-compose up` of the same file on the same engine when Debian's
// docker-compose runs here, else beside the same containers started by hand; rounds interleaved.
var repo = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
var compose = await File.ReadAllTextAsync(Path.Combine(repo, "samples", "shop", "compose.yaml"));

IBaseline baseline = await ComposeBaseline.RunsHereAsync() ? new ComposeBaseline(compose) : new HandBaseline(compose);
await using var berth = await BerthProcess.StartAsync(repo, apiPort: 17370, portRange: "27700-27799");
var projects = new BerthProjects(berth);
var results = new List<ProjectMeasurement>();
for (var round = 0; round < rounds; round++)
{
    results.Add(await baseline.MeasureAsync(round));
    results.Add(await projects.MeasureAsync(compose, round));
}

ProjectReport.Print(results);
