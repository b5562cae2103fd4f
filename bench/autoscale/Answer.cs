namespace Berth.Bench.Autoscale;

/// <summary>One answer of the load: when it came (from the run's start), its status (0: none), its latency and its body.</summary>
internal sealed record Answer(TimeSpan At, int Status, TimeSpan Latency, string Body);
