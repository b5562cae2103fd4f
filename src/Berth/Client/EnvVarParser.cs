using System.Diagnostics.CodeAnalysis;

namespace Berth.Client;

/// <summary>Parses <c>--env KEY=VALUE</c> arguments.</summary>
internal static class EnvVarParser
{
    /// <summary>
    /// Parses each argument at its first <c>=</c>, so values may contain <c>=</c> and may be empty.
    /// Returns false with a message naming the bad argument when one has no key or names a key twice.
    /// </summary>
    public static bool TryParse(IEnumerable<string> arguments, out IReadOnlyDictionary<string, string> variables, [NotNullWhen(false)] out string? error)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        variables = parsed;
        error = null;
        foreach (string argument in arguments)
        {
            int separator = argument.IndexOf('=');
            if (separator <= 0)
            {
                error = $"--env expects KEY=VALUE, got '{argument}'";
                return false;
            }

            string key = argument[..separator];
            if (key.Any(char.IsWhiteSpace))
            {
                error = $"--env key '{key}' contains whitespace";
                return false;
            }

            if (!parsed.TryAdd(key, argument[(separator + 1)..]))
            {
                error = $"--env {key} is given more than once";
                return false;
            }
        }

        return true;
    }
}
