using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.ControlPlane.Execution;
using Berth.Gateway;
using Berth.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Berth.Hosting.Settings;

/// <summary>
/// <c>berth config check</c>: the settings a server started here would run with — the config file and <c>BERTH_</c>
/// variables over the defaults, each section bound and checked as at start — printed as JSON with secrets masked; every
/// key no part of Berth reads and every bad value goes to stderr. Exit 0 only when there is neither.
/// </summary>
internal static class ConfigCheckCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var config = HostSetup.ConfigOption();
        var command = new Command("check", "Print the settings a server here would start with (secrets masked); name unknown keys and bad values") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ConfigurationLayers layers;
            try
            {
                layers = ConfigurationLayers.Read(parse.GetValue(config), Environment.GetEnvironmentVariables());
            }
            catch (SettingsFileException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }

            var problems = layers.Warnings().ToList();
            var unknown = UnknownKeys(layers).ToList();
            var errors = new List<string>();
            var settings = new JsonObject { ["file"] = layers.File };
            Section(settings, "Berth", errors, () => ServerSettings.Read(layers.Root, _ => { }));
            // Servers take these from their top-level sections, printed below: shown under Berth they would mislead.
            (settings["Berth"] as JsonObject)?.Remove(nameof(BerthServerOptions.Gateway));
            (settings["Berth"] as JsonObject)?.Remove(nameof(BerthServerOptions.Discovery));
            Section(settings, GatewayOptions.SectionName, errors, () => Checked(GatewayFlags.Bind(layers.Root), GatewayOptionsValidator.ThrowIfInvalid));
            Section(settings, Berth.Discovery.Selection.DiscoveryOptions.SectionName, errors, () => DiscoveryFlags.Bind(layers.Root));
            Section(settings, StateStoreOptions.Section, errors, () => Checked(Read<StateStoreOptions>(layers.Root, StateStoreOptions.Section), s =>
            {
                if (s.Problem() is { } problem)
                {
                    throw new OptionsValidationException(StateStoreOptions.Section, typeof(StateStoreOptions), [problem]);
                }
            }));
            Section(settings, SchedulingOptions.Section, errors, () => Checked(Read<SchedulingOptions>(layers.Root, SchedulingOptions.Section), s =>
            {
                if (new SchedulingOptionsValidator().Validate(null, s) is { Failed: true } result)
                {
                    throw new OptionsValidationException(SchedulingOptions.Section, typeof(SchedulingOptions), result.Failures);
                }
            }));

            await Console.Out.WriteLineAsync(settings.ToJsonString(Indented));
            problems.AddRange(unknown);
            problems.AddRange(errors.Select(e => $"error: {e}"));
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            await Console.Error.WriteLineAsync(unknown.Count + errors.Count == 0
                ? $"ok: settings from {layers.File ?? "no config file"} and {layers.Prefixed.Count} {ConfigurationLayers.Prefix} variable(s)"
                : $"{unknown.Count} unknown key(s), {errors.Count} bad setting(s)");
            return unknown.Count + errors.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Each key read from the file or the variables that no part of Berth reads, with where it came from.</summary>
    private static IEnumerable<string> UnknownKeys(ConfigurationLayers layers) =>
        from pair in layers.Root.AsEnumerable()
        where pair.Value is not null && !KnownKeys.IsKnown(pair.Key)
        orderby pair.Key
        select $"unknown key: {pair.Key} ({Origin(layers, pair.Key)}): no part of Berth reads it";

    private static string Origin(ConfigurationLayers layers, string key)
    {
        var variable = key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal);
        return layers.Prefixed.Contains(key, StringComparer.OrdinalIgnoreCase) ? $"variable {ConfigurationLayers.Prefix}{variable}"
            : layers.Unprefixed.Contains(variable, StringComparer.OrdinalIgnoreCase) ? $"variable {variable}"
            : $"file {layers.File}";
    }

    /// <summary>Adds the section's effective settings, or its errors.</summary>
    private static void Section(JsonObject settings, string name, List<string> errors, Func<object> read)
    {
        try
        {
            settings[name] = MaskedSettings.Of(read());
        }
        catch (OptionsValidationException e)
        {
            errors.AddRange(e.Failures);
        }
    }

    private static T Read<T>(IConfiguration configuration, string section)
        where T : new() => HostSetup.Bound(section, () => configuration.GetSection(section).Get<T>() ?? new T());

    private static T Checked<T>(T options, Action<T> check)
    {
        check(options);
        return options;
    }
}
