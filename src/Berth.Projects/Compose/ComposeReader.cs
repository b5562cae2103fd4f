using Berth.Core.Apps;
using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>Walks a compose file's node tree, collecting errors and ignored keys as it goes.</summary>
internal sealed partial class ComposeReader(ComposeParseOptions options)
{
    private static readonly HashSet<string> TopLevelKeys = ["services", "volumes", "name", "version"];

    public List<ComposeProblem> Errors { get; } = [];
    public List<ComposeProblem> Ignored { get; } = [];

    public ComposeProject? Read(YamlNode root)
    {
        if (root is not YamlMappingNode top)
        {
            Error(root, "the compose file must be a mapping with a 'services' key");
            return null;
        }

        YamlMappingNode? services = null;
        var volumes = new List<string>();
        foreach (var (key, value) in Entries(top))
        {
            switch (key.Value)
            {
                case "services":
                    services = Mapping(value, "'services'");
                    break;
                case "volumes":
                    volumes = ReadVolumes(value);
                    break;
                case "name" or "version":
                    // 'version' is obsolete in the Compose Specification; the project's name comes from the deploy.
                    Scalar(value, $"'{key.Value}'");
                    break;
                default:
                    if (!key.Value!.StartsWith("x-", StringComparison.Ordinal))
                    {
                        Unsupported(key, $"the top-level key '{key.Value}' is not supported by Berth");
                    }

                    break;
            }
        }

        if (services is null)
        {
            if (!top.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "services"))
            {
                Error(top, "the compose file has no 'services'");
            }

            return null;
        }

        var read = new List<ComposeService>();
        foreach (var (name, definition) in Entries(services))
        {
            if (ReadService(name, definition, volumes) is { } service)
            {
                read.Add(service);
            }
        }

        if (read.Count == 0 && Errors.Count == 0)
        {
            Error(services, "the compose file defines no service");
        }

        CheckDependencies(services, read);
        read = CheckOneShots(services, read);
        return Errors.Count == 0 ? new ComposeProject { Services = read, Volumes = volumes } : null;
    }

    private List<string> ReadVolumes(YamlNode node)
    {
        var names = new List<string>();
        if (Mapping(node, "'volumes'") is not { } volumes)
        {
            return names;
        }

        foreach (var (name, definition) in Entries(volumes))
        {
            if (!VolumeNames.IsValid(name.Value))
            {
                Error(name, $"volume '{name.Value}': names are letters, digits, '_', '.' and '-', starting with a letter or digit");
                continue;
            }

            if (definition is YamlMappingNode { Children.Count: > 0 } settings)
            {
                foreach (var key in settings.Children.Keys.OfType<YamlScalarNode>())
                {
                    Unsupported(key, $"volume '{name.Value}': '{key.Value}' is not supported by Berth (volumes are local named volumes)");
                }
            }
            else if (definition is not (YamlMappingNode or YamlScalarNode { Value: null or "" }))
            {
                Error(definition, $"volume '{name.Value}' must be a mapping or empty");
            }

            names.Add(name.Value!);
        }

        return names;
    }

    private void CheckDependencies(YamlMappingNode services, List<ComposeService> read)
    {
        var known = read.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var service in read)
        {
            foreach (var missing in service.DependsOn.Where(d => !known.Contains(d.Service)))
            {
                Error(KeyNode(services, service.Name), $"service '{service.Name}' depends on '{missing.Service}', which is not a service of this file");
            }
        }

        if (Errors.Count == 0 && StartOrder.FindCycle(read) is { } cycle)
        {
            Error(KeyNode(services, cycle[0]), $"depends_on forms a cycle: {string.Join(" -> ", cycle)}");
        }
    }

    private bool ValidAppId(string service) => options.ProjectName is null || AppId.IsValid($"{options.ProjectName}-{service}");

    private void Error(YamlNode node, string message) =>
        Errors.Add(new ComposeProblem(message, (int)node.Start.Line, (int)node.Start.Column));

    /// <summary>A key Berth does not implement: an error, or a warning when ignored keys are allowed.</summary>
    private void Unsupported(YamlNode node, string message)
    {
        if (options.AllowIgnored)
        {
            Ignored.Add(new ComposeProblem(message + "; ignored", (int)node.Start.Line, (int)node.Start.Column));
        }
        else
        {
            Error(node, message + " (deploy with --allow-ignored to run without it)");
        }
    }

    private static YamlNode KeyNode(YamlMappingNode mapping, string key) =>
        mapping.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == key) ?? (YamlNode)mapping;
}
