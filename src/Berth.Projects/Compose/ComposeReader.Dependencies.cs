using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary><c>depends_on</c>: a list of services, or a map of services to <c>{condition, required, restart}</c>.</summary>
internal sealed partial class ComposeReader
{
    private List<ComposeDependency> ReadDependsOn(YamlNode value, string at, string service)
    {
        var dependencies = new List<ComposeDependency>();
        if (value is YamlMappingNode map)
        {
            foreach (var (name, settings) in Entries(map))
            {
                if (ReadDependency(name.Value!, settings, at) is { } dependency)
                {
                    dependencies.Add(dependency);
                }
            }
        }
        else if (Strings(value, at) is { } names)
        {
            dependencies.AddRange(names.Select(n => new ComposeDependency(n, DependencyCondition.Started)));
        }

        if (dependencies.Any(d => d.Service == service))
        {
            Error(value, $"{at}: a service cannot depend on itself");
        }

        return dependencies;
    }

    private ComposeDependency? ReadDependency(string name, YamlNode settings, string at)
    {
        if (Mapping(settings, $"{at}: '{name}'") is not { } map)
        {
            return null;
        }

        var condition = DependencyCondition.Started;
        foreach (var (key, item) in Entries(map))
        {
            switch (key.Value)
            {
                case "condition":
                    condition = Scalar(item, $"{at}: '{name}' condition") switch
                    {
                        "service_started" => DependencyCondition.Started,
                        "service_healthy" => DependencyCondition.Healthy,
                        "service_completed_successfully" => DependencyCondition.CompletedSuccessfully,
                        null => condition,
                        var other => Refuse(item, $"{at}: '{name}' condition '{other}' must be service_started, service_healthy or service_completed_successfully", condition),
                    };
                    break;
                case "required":
                    if (Scalar(item, $"{at}: '{name}' required") is { } required && required != "true")
                    {
                        Unsupported(key, $"{at}: '{name}' required: {required} is not supported by Berth (every dependency is required)");
                    }

                    break;
                default:
                    Unsupported(key, $"{at}: '{name}' '{key.Value}' is not supported by Berth");
                    break;
            }
        }

        return new ComposeDependency(name, condition);
    }

    private T Refuse<T>(YamlNode node, string message, T fallback)
    {
        Error(node, message);
        return fallback;
    }
}
