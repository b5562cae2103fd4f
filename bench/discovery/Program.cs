using Berth.Bench.Discovery;

// How long a registration takes to reach a watching gateway, per discovery backend: one change at a time, from the
// registrar's call to the watcher seeing the event, on two separate clients. Usage: [changes] [backend...]
var changes = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1_000;
IReadOnlyList<string> names = args.Length > 1 ? args[1..] : Backends.Names;

var results = new List<Measurement>();
foreach (var name in names)
{
    await using var backend = Backends.Connect(name);
    results.Add(await RegistrationLatency.MeasureAsync(backend, changes));
}

Report.Print(results);
