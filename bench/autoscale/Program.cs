using System.Net.Http.Json;
using Berth.Bench.Autoscale;
using Berth.Bench.Shared;

// A load step through the gateway against an app with a requests-per-second policy: how long until the autoscaler's
// count is reached and routed, its decisions with their figures, and how long until it scales back once the load ends;
// beside it, in the same run and under the same load, the same count set by hand through the API (the baseline).
var repo = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var load = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1]) : 30);
const double PerSecond = 60;
const double Target = 20;
// 60 requests/s against 20 per instance: the step wants three instances.
const int Wanted = 3;
var interval = TimeSpan.FromSeconds(2);
var window = TimeSpan.FromSeconds(10);

// Short windows so a run takes a minute or two: evaluated every 2 s, scaled down after 10 s lower.
Environment.SetEnvironmentVariable("BERTH_Berth__Autoscale__Interval", interval.ToString());
Environment.SetEnvironmentVariable("BERTH_Berth__Autoscale__StabilizationWindow", window.ToString());
await using var berth = await BerthProcess.StartAsync(repo, apiPort: 17290, portRange: "27700-27799");

var byHand = await LoadStep.CreateAsync(berth, $"byhand-{Environment.ProcessId}", Wanted);
var baseline = await byHand.RunAsync(PerSecond, load,
    atStart: () => ScaleAsync(berth, byHand.Id, Wanted),
    atEnd: () => ScaleAsync(berth, byHand.Id, 1));

var scaled = await LoadStep.CreateAsync(berth, $"auto-{Environment.ProcessId}", Wanted);
(await berth.Admin.PutAsJsonAsync($"/v1/apps/{scaled.Id}/autoscale", new { min = 1, max = 5, target = new { requestsPerSecondPerInstance = Target } }))
    .EnsureSuccessStatusCode();
var autoscaled = await scaled.RunAsync(PerSecond, load, atStart: () => Task.CompletedTask, atEnd: () => Task.CompletedTask);

Console.WriteLine($"load step: {PerSecond} requests/s for {load.TotalSeconds:0} s against one instance; policy {Target} requests/s per instance (min 1, max 5),");
Console.WriteLine($"evaluated every {interval.TotalSeconds:0} s, stabilization window {window.TotalSeconds:0} s; both sides end at {Wanted} instances, then back to 1");
Report.Print("by hand (PUT /scale at the load's start and end)", baseline);
Report.Print("autoscaler", autoscaled);
Report.Decisions(await scaled.DecisionsAsync(autoscaled.StartedAt));
Report.Ratios(baseline, autoscaled, window);
Console.WriteLine($"load average (1, 5, 15 min) at the end: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}");

static async Task ScaleAsync(BerthProcess berth, string id, int instances) =>
    (await berth.Admin.PutAsJsonAsync($"/v1/apps/{id}/scale", new { instances })).EnsureSuccessStatusCode();
