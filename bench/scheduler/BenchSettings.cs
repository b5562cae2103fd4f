namespace Berth.Bench.Scheduler;

/// <summary>The shape of one benchmark run, from the command line.</summary>
/// <param name="ReuseMilliseconds">Snapshot reuse settings to compare: 0 reads the hosts for every deployment (as the control plane does).</param>
internal sealed record BenchSettings(
    int Hosts, int Instances, int Batch, IReadOnlyList<string> Databases, IReadOnlyList<int> Schedulers, IReadOnlyList<int> ReuseMilliseconds)
{
    public const string Usage =
        "usage: run.sh [--hosts 1000] [--instances 10000] [--batch 10] [--databases sqlite,postgres] [--schedulers 1,4] [--reuse-ms 0,1000]";

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(1000, 10_000, 10, ["sqlite", "postgres"], [1, 4], [0, 1000]);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--hosts" => settings with { Hosts = int.Parse(value) },
                "--instances" => settings with { Instances = int.Parse(value) },
                "--batch" => settings with { Batch = int.Parse(value) },
                "--databases" => settings with { Databases = value.Split(',') },
                "--schedulers" => settings with { Schedulers = [.. value.Split(',').Select(int.Parse)] },
                "--reuse-ms" => settings with { ReuseMilliseconds = [.. value.Split(',').Select(int.Parse)] },
                _ => throw new ArgumentException($"unknown option {args[i]}; {Usage}"),
            };
        }
        return args.Length % 2 == 0 ? settings : throw new ArgumentException(Usage);
    }
}
