using Berth.Bench.ColdStart;
using Berth.Bench.Deploy;
using Berth.Bench.Shared;

// Time from the first request to a sleeping app to its first 200, against docker start + curl of a stopped container
// of the same image, measured in one run with the wakes interleaved so both sides see the same machine noise.
var repo = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var wakes = args.Length > 1 ? int.Parse(args[1]) : 20;
const string Image = "127.0.0.1:5000/hello:v1";

// A short evaluation interval so the app falls asleep again a second or two after each wake.
Environment.SetEnvironmentVariable("BERTH_Berth__Autoscale__Interval", "00:00:01");
await using var berth = await BerthProcess.StartAsync(repo, apiPort: 17270, portRange: "27500-27599");
var sleeper = await SleepingApp.CreateAsync(berth);
await using var stopped = await StoppedContainer.CreateAsync(Image, port: 27600);
var results = new List<Measurement>();
for (var wake = 0; wake < wakes; wake++)
{
    results.Add(await stopped.MeasureAsync());
    results.Add(await sleeper.MeasureAsync());
}

Percentiles.Print(results);
Console.WriteLine($"load average (1, 5, 15 min) at the end: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}");
