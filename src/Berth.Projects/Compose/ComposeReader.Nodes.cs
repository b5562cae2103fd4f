using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>Reading typed values out of nodes, each failure an error at the node.</summary>
internal sealed partial class ComposeReader
{
    /// <summary>
    /// The entries of a mapping with scalar keys, YAML merge keys (<c>&lt;&lt;: *defaults</c>) expanded and the
    /// mapping's own keys winning, as Compose files use them for shared settings.
    /// </summary>
    private List<(YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode mapping)
    {
        var own = new List<(YamlScalarNode, YamlNode)>();
        var merged = new List<(YamlScalarNode, YamlNode)>();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: not null } scalar)
            {
                Error(key, "keys must be plain strings");
                continue;
            }

            if (scalar.Value == "<<" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain)
            {
                IEnumerable<YamlNode> sources = value is YamlSequenceNode list ? list.Children : [value];
                foreach (var source in sources)
                {
                    if (source is YamlMappingNode from)
                    {
                        merged.AddRange(Entries(from));
                    }
                    else
                    {
                        Error(source, "a merge key '<<' takes a mapping or a list of mappings");
                    }
                }

                continue;
            }

            own.Add((scalar, value));
        }

        var ownKeys = own.Select(e => e.Item1.Value).ToHashSet(StringComparer.Ordinal);
        var result = new List<(YamlScalarNode, YamlNode)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in merged.Where(e => !ownKeys.Contains(e.Item1.Value)))
        {
            if (seen.Add(entry.Item1.Value!))
            {
                result.Add(entry);
            }
        }

        result.AddRange(own);
        return result;
    }

    private YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, $"{what} must be a mapping");
        return null;
    }

    private string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } scalar && !IsNull(scalar))
        {
            return Unescape(node, value, what);
        }

        Error(node, $"{what} must be a single value");
        return null;
    }

    private int? Integer(YamlNode node, string what, int min, int max)
    {
        if (Scalar(node, what) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(node, $"{what} must be a whole number between {min} and {max}");
        return null;
    }

    /// <summary>A list of single values, or one value standing for a list of one.</summary>
    private List<string>? Strings(YamlNode node, string what)
    {
        if (node is YamlScalarNode)
        {
            return Scalar(node, what) is { } one ? [one] : null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{what} must be a list");
            return null;
        }

        var values = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (Scalar(item, $"each item of {what}") is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>
    /// Compose's <c>$$</c> as a literal <c>$</c>. Interpolation (<c>$VAR</c>, <c>${VAR}</c>) would read the deploying
    /// shell's environment, which the server does not have: refused rather than left as text that means something else.
    /// </summary>
    private string Unescape(YamlNode node, string value, string what)
    {
        if (!value.Contains('$'))
        {
            return value;
        }

        var text = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$')
            {
                text.Append(value[i]);
            }
            else if (i + 1 < value.Length && value[i + 1] == '$')
            {
                text.Append('$');
                i++;
            }
            else if (i + 1 < value.Length && (value[i + 1] == '{' || char.IsAsciiLetter(value[i + 1]) || value[i + 1] == '_'))
            {
                Error(node, $"{what} uses variable interpolation ('{value[i..Math.Min(value.Length, i + 12)]}…'), which Berth does not do: write the value, or $$ for a literal $");
                return value;
            }
            else
            {
                text.Append('$');
            }
        }

        return text.ToString();
    }

    /// <summary>A YAML null: <c>~</c>, <c>null</c> or nothing, when not quoted.</summary>
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
