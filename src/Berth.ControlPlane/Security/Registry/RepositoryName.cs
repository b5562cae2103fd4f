using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>Registry repository names as the distribution spec writes them: <c>hello</c>, <c>base/nginx</c>.</summary>
internal static partial class RepositoryName
{
    public const int MaxLength = 255;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$")]
    private static partial Regex Pattern();
}
