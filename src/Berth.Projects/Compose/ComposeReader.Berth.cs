using Berth.Core.Apps;
using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary><c>x-berth</c>: Berth's own settings of a service. Its keys are Berth's, so an unknown one is always an error.</summary>
internal sealed partial class ComposeReader
{
    private static readonly string[] Strategies = ["spread", "idle-cpu", "binpack"];

    private BerthServiceSettings ReadBerth(YamlNode value, string at)
    {
        var settings = BerthServiceSettings.Default;
        if (Mapping(value, at) is not { } map)
        {
            return settings;
        }

        foreach (var (key, item) in Entries(map))
        {
            var what = $"{at} {key.Value}";
            switch (key.Value)
            {
                case "strategy":
                    settings = Scalar(item, what) is { } strategy && Strategies.Contains(strategy)
                        ? settings with { Strategy = strategy }
                        : Refuse(item, $"{what} must be {string.Join(", ", Strategies)}", settings);
                    break;
                case "constraints":
                    settings = settings with { Constraints = Strings(item, what) ?? [] };
                    break;
                case "domains":
                    settings = settings with { Domains = Strings(item, what) ?? [] };
                    break;
                case "health":
                    settings = Scalar(item, what) is { } path && path.StartsWith('/') && path.Length <= 1024 && !path.Any(char.IsControl)
                        ? settings with { HealthPath = path }
                        : Refuse(item, $"{what} must be an absolute path such as /_ping", settings);
                    break;
                case "group":
                    settings = Scalar(item, what) is { } group && AppId.IsValid(group)
                        ? settings with { Group = group }
                        : Refuse(item, $"{what} must be a name of lowercase letters, digits and hyphens", settings);
                    break;
                default:
                    Error(key, $"{what} is not one of Berth's settings (strategy, constraints, domains, health, group)");
                    break;
            }
        }

        return settings;
    }
}
