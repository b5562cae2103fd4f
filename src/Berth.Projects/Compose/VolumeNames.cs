using System.Text.RegularExpressions;

namespace Berth.Projects.Compose;

/// <summary>The names Docker accepts for a named volume.</summary>
internal static partial class VolumeNames
{
    public static bool IsValid(string? name) => name is { Length: <= 64 } && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Pattern();
}
