using System.Collections;

namespace Berth.Client;

/// <summary>What the client commands read from outside the command line; injectable so tests need not touch the process.</summary>
/// <param name="Variables">Environment variables.</param>
/// <param name="HomeDirectory">The user's home, where the default config file lives.</param>
/// <param name="WorkingDirectory">The directory relative paths (like the default <c>./data</c>) are resolved against.</param>
internal sealed record ClientEnvironment(
    IReadOnlyDictionary<string, string> Variables,
    string HomeDirectory,
    string WorkingDirectory)
{
    /// <summary>Standard input, for <c>--token-stdin</c>.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>How often a followed deployment is polled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? Get(string name) =>
        Variables.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;

    /// <summary>The environment of the running process.</summary>
    public static ClientEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? "";
        }

        return new ClientEnvironment(
            variables,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            Directory.GetCurrentDirectory())
        {
            Input = Console.In,
        };
    }
}
