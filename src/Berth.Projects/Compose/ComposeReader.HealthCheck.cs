using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>
/// <c>healthcheck</c>: Berth probes a path over HTTP, so a <c>test</c> is accepted when it fetches
/// <c>http://localhost[:port]/path</c> (curl, wget …) and its path is probed; timings map one to one.
/// </summary>
internal sealed partial class ComposeReader
{
    private ComposeHealthCheck? ReadHealthCheck(YamlNode value, string at, string service)
    {
        if (Mapping(value, at) is not { } map)
        {
            return null;
        }

        var check = new ComposeHealthCheck();
        foreach (var (key, item) in Entries(map))
        {
            var what = $"{at} {key.Value}";
            switch (key.Value)
            {
                case "test":
                    check = check with { Path = ReadHealthTest(item, what, service) };
                    break;
                case "interval":
                    check = check with { IntervalSeconds = Seconds(item, what, 1, 3600) };
                    break;
                case "timeout":
                    check = check with { TimeoutSeconds = Seconds(item, what, 1, 60) };
                    break;
                case "retries":
                    check = check with { Retries = Integer(item, what, 1, 100) };
                    break;
                case "start_period":
                    check = check with { StartSeconds = Seconds(item, what, 0, 3600) };
                    break;
                case "disable":
                    Error(key, $"{what}: Berth always checks a service's health (give 'x-berth.health' to choose the path)");
                    break;
                default:
                    Unsupported(key, $"{what} is not supported by Berth");
                    break;
            }
        }

        return check;
    }

    private string? ReadHealthTest(YamlNode item, string what, string service)
    {
        var words = item is YamlScalarNode ? Scalar(item, what) is { } line ? ShellWords.Split(line) : null : Strings(item, what);
        if (words is null)
        {
            return null;
        }

        if (HealthTestUrl.PathOf(words) is { } path)
        {
            return path;
        }

        Unsupported(item, $"service '{service}': healthcheck test must fetch http://localhost…/path (Berth probes health over HTTP), or give 'x-berth.health'");
        return null;
    }

    private int? Seconds(YamlNode node, string what, int min, int max)
    {
        if (Scalar(node, what) is not { } text)
        {
            return null;
        }

        if (ComposeUnits.ParseDuration(text) is { } duration && Math.Ceiling(duration.TotalSeconds) is var seconds && seconds >= min && seconds <= max)
        {
            return (int)seconds;
        }

        Error(node, $"{what} must be a duration such as 10s, 1m30s or 500ms, between {min} s and {max} s");
        return null;
    }
}
