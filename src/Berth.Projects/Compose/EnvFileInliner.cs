using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>
/// What the client does before sending a compose file: every service's <c>env_file</c> is read (through the
/// caller's reader, so this stays free of I/O) and merged into its <c>environment</c>, which wins as in Compose.
/// The server never reads a file path a tenant names.
/// </summary>
public static class EnvFileInliner
{
    /// <summary>
    /// The compose text with <c>env_file</c> resolved; unchanged when it names none or is not valid YAML (the server
    /// then says what is wrong). Throws <see cref="FormatException"/> for an env file that cannot be read as one.
    /// </summary>
    public static string Inline(string yaml, Func<string, string> readFile)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return yaml;
        }

        var changed = false;
        if (stream.Documents is [{ RootNode: YamlMappingNode root }]
            && root.Children.TryGetValue(new YamlScalarNode("services"), out var services) && services is YamlMappingNode serviceMap)
        {
            foreach (var service in serviceMap.Children.Values.OfType<YamlMappingNode>())
            {
                changed |= InlineService(service, readFile);
            }
        }

        if (!changed)
        {
            return yaml;
        }

        var text = new StringWriter();
        stream.Save(text, assignAnchors: false);
        return text.ToString();
    }

    private static bool InlineService(YamlMappingNode service, Func<string, string> readFile)
    {
        var key = new YamlScalarNode("env_file");
        if (!service.Children.TryGetValue(key, out var files))
        {
            return false;
        }

        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, required) in Paths(files))
        {
            string content;
            try
            {
                content = readFile(path);
            }
            catch (FileNotFoundException) when (!required)
            {
                continue;
            }

            try
            {
                foreach (var (name, value) in EnvFile.Parse(content))
                {
                    merged[name] = value;
                }
            }
            catch (FormatException e)
            {
                throw new FormatException($"env_file {path}, {e.Message}", e);
            }
        }

        var environment = new YamlMappingNode();
        foreach (var (name, value) in merged)
        {
            environment.Add(name, new YamlScalarNode(value) { Style = ScalarStyle.DoubleQuoted });
        }

        if (service.Children.TryGetValue(new YamlScalarNode("environment"), out var own))
        {
            foreach (var (name, value) in OwnEntries(own))
            {
                environment.Children[new YamlScalarNode(name)] = value;
            }
        }

        service.Children.Remove(key);
        service.Children[new YamlScalarNode("environment")] = environment;
        return true;
    }

    private static IEnumerable<(string Path, bool Required)> Paths(YamlNode files)
    {
        IEnumerable<YamlNode> items = files is YamlSequenceNode list ? list.Children : [files];
        foreach (var item in items)
        {
            switch (item)
            {
                case YamlScalarNode { Value: { } path }:
                    yield return (path, true);
                    break;
                case YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode("path"), out var p) && p is YamlScalarNode { Value: { } path }:
                    var required = !(map.Children.TryGetValue(new YamlScalarNode("required"), out var r) && r is YamlScalarNode { Value: "false" });
                    yield return (path, required);
                    break;
                default:
                    throw new FormatException($"env_file at line {item.Start.Line}: each item must be a path or {{path, required}}");
            }
        }
    }

    /// <summary>The service's own environment as name and node, from a map or a <c>NAME=VALUE</c> list.</summary>
    private static IEnumerable<(string Name, YamlNode Value)> OwnEntries(YamlNode environment)
    {
        if (environment is YamlMappingNode map)
        {
            return map.Children.Where(e => e.Key is YamlScalarNode { Value: not null }).Select(e => (((YamlScalarNode)e.Key).Value!, e.Value));
        }

        return environment is YamlSequenceNode list
            ? list.Children.OfType<YamlScalarNode>().Where(s => s.Value is not null).Select(s => s.Value!.IndexOf('=') is var eq and >= 0
                ? (s.Value[..eq], (YamlNode)new YamlScalarNode(s.Value[(eq + 1)..]) { Style = ScalarStyle.DoubleQuoted })
                : (s.Value, new YamlScalarNode(null)))
            : [];
    }
}
