using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Berth.Hosting;

/// <summary>
/// Where a server's settings come from, lowest first: the config file (<c>--config</c>, else <c>$BERTH_CONFIG</c>, else
/// <c>/etc/berth/berth.json</c> when it exists), variables of a known section without the prefix (<c>State__Provider</c>:
/// read for one more release, with a warning), then <c>BERTH_</c> variables (<c>BERTH_State__Provider</c>). Flags go over
/// all of them. One root for every section, so the API host, the gateway and <c>berth config check</c> read the same.
/// </summary>
internal sealed class ConfigurationLayers
{
    public const string DefaultFile = "/etc/berth/berth.json";
    public const string FileVariable = "BERTH_CONFIG";
    public const string Prefix = "BERTH_";

    /// <summary>The configuration sections Berth reads; a variable named after one of them is a setting.</summary>
    public static readonly IReadOnlyList<string> Sections = ["Berth", "Gateway", "Discovery", "State", "Scheduling", "Logging"];

    private ConfigurationLayers(IConfigurationRoot root, string? file, IReadOnlyList<string> unprefixed, IReadOnlyList<string> prefixed)
    {
        Root = root;
        File = file;
        Unprefixed = unprefixed;
        Prefixed = prefixed;
    }

    public IConfigurationRoot Root { get; }

    /// <summary>The config file read; null when none.</summary>
    public string? File { get; }

    /// <summary>The unprefixed setting variables read (each should gain the prefix).</summary>
    public IReadOnlyList<string> Unprefixed { get; }

    /// <summary>Every <c>BERTH_</c> variable read as a setting, by its configuration key (for the unknown-key check).</summary>
    public IReadOnlyList<string> Prefixed { get; }

    /// <summary>
    /// Reads the layers. Throws <see cref="SettingsFileException"/> when a file that was asked for is missing or is not
    /// valid JSON.
    /// </summary>
    public static ConfigurationLayers Read(string? file, IDictionary environment)
    {
        var explicitFile = file ?? environment[FileVariable] as string;
        var path = string.IsNullOrEmpty(explicitFile) ? (System.IO.File.Exists(DefaultFile) ? DefaultFile : null) : Path.GetFullPath(explicitFile);
        if (path is not null && !System.IO.File.Exists(path))
        {
            throw new SettingsFileException($"the config file {path} does not exist");
        }

        var unprefixed = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var unprefixedNames = new List<string>();
        var prefixed = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            var name = (string)entry.Key;
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && name.Contains("__", StringComparison.Ordinal))
            {
                // Only section-shaped names are settings: BERTH_DATA and BERTH_CONFIG are variables of their own.
                prefixed[Key(name[Prefix.Length..])] = entry.Value as string;
            }
            else if (IsSetting(name))
            {
                unprefixed[Key(name)] = entry.Value as string;
                unprefixedNames.Add(name);
            }
        }

        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(unprefixed).AddInMemoryCollection(prefixed);
        try
        {
            return new ConfigurationLayers(builder.Build(), path, [.. unprefixedNames.Order(StringComparer.Ordinal)], [.. prefixed.Keys]);
        }
        catch (InvalidDataException e)
        {
            throw new SettingsFileException($"the config file {path} is not valid JSON: {e.InnerException?.Message ?? e.Message}");
        }
    }

    /// <summary>One line per unprefixed variable, naming the name to use.</summary>
    public IEnumerable<string> Warnings() => Unprefixed.Select(name =>
        $"warning: {name} is a setting without the {Prefix} prefix; use {Prefix}{name} (unprefixed ones stop being read in a later release)");

    private static bool IsSetting(string name) =>
        name.IndexOf("__", StringComparison.Ordinal) is > 0 and var end && Sections.Contains(name[..end], StringComparer.OrdinalIgnoreCase);

    private static string Key(string variable) => variable.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
}
