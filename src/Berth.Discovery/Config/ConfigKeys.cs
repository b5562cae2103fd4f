using System.Text.RegularExpressions;

namespace Berth.Discovery.Config;

/// <summary>Config keys become environment variables of new containers, so they follow that grammar.</summary>
public static partial class ConfigKeys
{
    public static bool IsValid(string? key) => key is { Length: > 0 and <= 128 } && Pattern().IsMatch(key);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Pattern();
}
