using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>environment, command and labels: maps or <c>KEY=VALUE</c> lists, strings or argument lists.</summary>
internal sealed partial class ComposeReader
{
    private void ReadEnvironment(ServiceDraft service, YamlNode value, string at)
    {
        foreach (var (nameNode, name, text) in Pairs(value, at))
        {
            if (!EnvName().IsMatch(name))
            {
                Error(nameNode, $"{at}: '{name}' is not a variable name (letters, digits and underscores, not starting with a digit)");
            }
            else if (text is null)
            {
                // Compose would take the value from the shell that runs it; the server has no such shell.
                Error(nameNode, $"{at}: '{name}' has no value (Berth does not read the deploying shell's environment)");
            }
            else
            {
                service.Environment[name] = text;
            }
        }
    }

    private SortedDictionary<string, string> ReadLabels(YamlNode value, string at)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (nameNode, name, text) in Pairs(value, at))
        {
            if (name.StartsWith("berth.", StringComparison.Ordinal) || name.Length is 0 or > 256)
            {
                Error(nameNode, $"{at}: '{name}' is not allowed (labels starting with 'berth.' are Berth's own; at most 256 characters)");
            }
            else
            {
                labels[name] = text ?? "";
            }
        }

        return labels;
    }

    /// <summary>The entries of a <c>name: value</c> map or a <c>name=value</c> list; a value is null when not given.</summary>
    private IEnumerable<(YamlNode Node, string Name, string? Value)> Pairs(YamlNode value, string at)
    {
        if (value is YamlMappingNode map)
        {
            foreach (var (key, item) in Entries(map))
            {
                if (item is YamlScalarNode scalar)
                {
                    yield return (key, key.Value!, IsNull(scalar) ? null : Unescape(scalar, scalar.Value!, $"{at}: '{key.Value}'"));
                }
                else
                {
                    Error(item, $"{at}: '{key.Value}' must be a single value");
                }
            }

            yield break;
        }

        if (value is not YamlSequenceNode list)
        {
            Error(value, $"{at} must be a mapping or a list of NAME=VALUE");
            yield break;
        }

        foreach (var item in list.Children)
        {
            if (Scalar(item, $"each item of {at}") is not { } text)
            {
                continue;
            }

            var equals = text.IndexOf('=');
            yield return equals < 0 ? (item, text, null) : (item, text[..equals], text[(equals + 1)..]);
        }
    }

    private List<string> ReadCommand(YamlNode value, string at)
    {
        if (value is YamlScalarNode)
        {
            if (Scalar(value, at) is not { } line)
            {
                return [];
            }

            if (ShellWords.Split(line) is { } words)
            {
                return words;
            }

            Error(value, $"{at} has an unclosed quote");
            return [];
        }

        return Strings(value, at) ?? [];
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
