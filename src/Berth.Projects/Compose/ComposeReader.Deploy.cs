using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary><c>deploy</c>: <c>replicas</c> and <c>resources.limits</c> (memory, cpus).</summary>
internal sealed partial class ComposeReader
{
    public const int MaxReplicas = 100;

    private void ReadDeploy(ServiceDraft service, YamlNode value, string at)
    {
        if (Mapping(value, at) is not { } map)
        {
            return;
        }

        foreach (var (key, item) in Entries(map))
        {
            switch (key.Value)
            {
                case "replicas":
                    service.Replicas = Integer(item, $"{at} replicas", 1, MaxReplicas) ?? service.Replicas;
                    break;
                case "resources":
                    ReadResources(service, item, $"{at} resources");
                    break;
                default:
                    Unsupported(key, $"{at} {key.Value} is not supported by Berth");
                    break;
            }
        }
    }

    private void ReadResources(ServiceDraft service, YamlNode value, string at)
    {
        if (Mapping(value, at) is not { } map)
        {
            return;
        }

        foreach (var (key, item) in Entries(map))
        {
            if (key.Value != "limits")
            {
                Unsupported(key, $"{at} {key.Value} is not supported by Berth (limits are reserved on the host)");
                continue;
            }

            if (Mapping(item, $"{at} limits") is not { } limits)
            {
                continue;
            }

            foreach (var (limit, amount) in Entries(limits))
            {
                var what = $"{at} limits {limit.Value}";
                switch (limit.Value)
                {
                    case "memory":
                        service.MemoryMb = Scalar(amount, what) is { } memory && ComposeUnits.ParseMegabytes(memory) is { } mb and >= 6 and <= 1_048_576
                            ? (int)mb
                            : Refuse<int?>(amount, $"{what} must be an amount such as 256m or 1g, between 6m and 1024g", null);
                        break;
                    case "cpus":
                        service.CpuShares = Scalar(amount, what) is { } cpus && ComposeUnits.ParseCpuShares(cpus) is { } shares and >= 2
                            ? shares
                            : Refuse<int?>(amount, $"{what} must be a number of CPUs such as 0.5 or 2, at most 256", null);
                        break;
                    default:
                        Unsupported(limit, $"{what} is not supported by Berth");
                        break;
                }
            }
        }
    }
}
