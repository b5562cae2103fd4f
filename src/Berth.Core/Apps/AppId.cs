using System.Text.RegularExpressions;

namespace Berth.Core.Apps;

/// <summary>App ids are DNS labels, because the gateway routes <c>{appId}.{domain}</c> by them.</summary>
public static partial class AppId
{
    public const int MaxLength = 40;

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(id);

    /// <summary>Versions become Docker image tags, so they follow the tag grammar.</summary>
    public static bool IsValidVersion(string? version) => version is { Length: > 0 and <= 128 } && VersionPattern().IsMatch(version);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex VersionPattern();
}
