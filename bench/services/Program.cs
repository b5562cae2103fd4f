using Berth.Bench.Services;
using Berth.Bench.Shared;

// 1. Time from asking for a service to its first successful query: through Berth (`POST /v1/services`, which answers
//    once the server answered its protocol's query) against `docker run` of the same image with a volume and a
//    published port, polled with the same query.
// 2. Backup and restore throughput of a PostgreSQL service of about 200 MB: through Berth against pg_dump and psql run
//    by hand in the same container. Rounds interleaved so both sides see the same machine noise.
var repo = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
var megabytes = args.Length > 2 ? int.Parse(args[2]) : 200;

await using var berth = await BerthProcess.StartAsync(repo, apiPort: 17170, portRange: "27300-27399");
var tenant = await berth.TenantAsync($"bench{Environment.ProcessId}");
var creates = new CreateRounds(tenant);
var results = new List<Measurement>();
foreach (var kind in ServiceKinds.All)
{
    for (var round = 0; round < rounds; round++)
    {
        results.Add(await RawEngine.MeasureAsync(kind, round, port: 27700 + round));
        results.Add(await creates.MeasureAsync(kind));
    }
}

Report.Print(results);

var backups = new BackupRounds(tenant, $"bench-dump-{Environment.ProcessId}");
var size = await backups.PrepareAsync(megabytes);
var throughputs = new List<Throughput>();
try
{
    for (var round = 0; round < rounds; round++)
    {
        var (hand, handRestore) = await backups.ByHandAsync();
        var (viaBerth, berthRestore) = await backups.ThroughBerthAsync();
        throughputs.AddRange([hand, handRestore, viaBerth, berthRestore]);
    }
}
finally
{
    await backups.RemoveAsync();
}

Report.PrintThroughput(size, throughputs);
