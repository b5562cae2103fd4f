using System.Diagnostics;
using Berth.Bench.Scheduler;
using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Hosts;
using Berth.Core.State;
using Berth.Core.Tenants;
using Berth.Scheduling.Placement;

// Placements per second: fresh database, N fake hosts, then M instances placed by 1 or more concurrent
// schedulers (each with its own store, as separate control-plane processes would), in deployments of
// --batch instances. Prints wall-clock and per-CPU-second rates and how often a commit came back stale.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

const int Apps = 100;
const int InstanceMemoryMb = 64;
Console.WriteLine($"{settings.Hosts} hosts, {settings.Instances} instances in deployments of {settings.Batch}, {Environment.ProcessorCount} cores");
await RunAsync("sqlite", 0, 1, Math.Min(settings.Instances, 1000), quiet: true);
Console.WriteLine($"{"database",-9} {"snapshot",-12} {"schedulers",10} {"placed",8} {"refused",8} {"seconds",8} {"placed/s",9} {"placed/cpu-s",13} {"commits",8} {"stale",6} {"retry rate",10}");
foreach (var (database, reuse, schedulers) in
    from database in settings.Databases from reuse in settings.ReuseMilliseconds from schedulers in settings.Schedulers select (database, reuse, schedulers))
{
    await RunAsync(database, reuse, schedulers, settings.Instances, quiet: false);
}
return 0;

// One measured run on a fresh database; the first, quiet one only warms the JIT up.
async Task RunAsync(string database, int reuse, int schedulers, int instances, bool quiet)
{
    {
        await using var db = await BenchDatabase.CreateAsync(database);
        await SeedAsync(db.Open());
        var remaining = instances;
        var stores = Enumerable.Range(0, schedulers).Select(_ => db.Open()).ToList();
        var (placed, refused, commits, stale) = (0, 0, 0, 0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            var placer = new Placer(store, new Scheduler(PlacementStrategies.Default, Random.Shared)) { SnapshotReuse = TimeSpan.FromMilliseconds(reuse) };
            for (var deploy = 0; ; deploy++)
            {
                var count = Math.Min(settings.Batch, Interlocked.Add(ref remaining, -settings.Batch) + settings.Batch);
                if (count <= 0)
                {
                    return;
                }
                var request = new PlacementRequest($"app-{(s * 7919 + deploy) % Apps}", InstanceMemoryMb, 64) { Version = "v1" };
                var outcome = await placer.PlaceAsync(request, count, "bench", CancellationToken.None);
                Interlocked.Add(ref stale, outcome.Conflicts);
                if (outcome.Placed)
                {
                    Interlocked.Add(ref placed, outcome.Instances.Count);
                    Interlocked.Increment(ref commits);
                }
                else
                {
                    Interlocked.Add(ref refused, count);
                }
            }
        })));
        clock.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        stores.ForEach(store => (store as IDisposable)?.Dispose());
        var seconds = clock.Elapsed.TotalSeconds;
        if (quiet)
        {
            return;
        }
        Console.WriteLine(
            $"{database,-9} {(reuse == 0 ? "fresh" : $"reuse {reuse}ms"),-12} {schedulers,10} {placed,8} {refused,8} {seconds,8:0.00} {placed / seconds,9:0} {placed / cpuSeconds,13:0} {commits,8} {stale,6} {(double)stale / (commits + stale),10:P1}");
    }
}

async Task SeedAsync(IStateStore store)
{
    await store.MigrateAsync(CancellationToken.None);
    var now = DateTimeOffset.UtcNow;
    await store.CreateTenantAsync(new Tenant { Name = "bench", TokenHash = "bench", CreatedAt = now }, CancellationToken.None);
    for (var a = 0; a < Apps; a++)
    {
        await store.CreateAppAsync(new App { Id = $"app-{a}", Tenant = "bench", MemoryMb = InstanceMemoryMb, CpuShares = 64, CreatedAt = now }, CancellationToken.None);
    }
    string[] zones = ["a", "b", "c"];
    for (var h = 0; h < settings.Hosts; h++)
    {
        await store.UpsertHostAsync(new Host
        {
            Name = $"host-{h:D5}",
            Engine = $"tcp://10.0.{h / 250}.{h % 250}:2376",
            AdvertiseIp = $"10.0.{h / 250}.{h % 250}",
            PortRangeStart = 30000,
            PortRangeEnd = 30999,
            MemoryMb = 65536,
            CpuShares = 64 * 1024,
            Labels = new Dictionary<string, string> { ["zone"] = zones[h % 3] },
        }, CancellationToken.None);
    }
    (store as IDisposable)?.Dispose();
}
