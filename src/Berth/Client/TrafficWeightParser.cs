using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Berth.Client;

/// <summary>Parses <c>berth traffic set</c>'s <c>VERSION=WEIGHT</c> arguments.</summary>
internal static class TrafficWeightParser
{
    /// <summary>Returns false with a message naming the bad argument when one is not VERSION=WEIGHT, has a weight that is not a whole number ≥ 0, or names a version twice.</summary>
    public static bool TryParse(IEnumerable<string> arguments, out IReadOnlyDictionary<string, int> weights, [NotNullWhen(false)] out string? error)
    {
        var parsed = new Dictionary<string, int>(StringComparer.Ordinal);
        weights = parsed;
        error = null;
        foreach (string argument in arguments)
        {
            int separator = argument.LastIndexOf('=');
            if (separator <= 0)
            {
                error = $"expected VERSION=WEIGHT (such as v1=90), got '{argument}'";
                return false;
            }

            string version = argument[..separator];
            if (!int.TryParse(argument[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int weight))
            {
                error = $"the weight of {version} must be a whole number of 0 or more, got '{argument[(separator + 1)..]}'";
                return false;
            }

            if (!parsed.TryAdd(version, weight))
            {
                error = $"{version} is given more than once";
                return false;
            }
        }

        return true;
    }
}
