namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// One entry of a token's <c>access</c> claim, or one <c>scope</c> a client asks for:
/// <c>repository:NAME:pull,push</c>. The name may hold <c>/</c> (and, for a registry-qualified name, <c>:</c>).
/// </summary>
public sealed record RegistryScope(string Type, string Name, IReadOnlyList<string> Actions)
{
    public const string Repository = "repository";
    public const string Pull = "pull";
    public const string Push = "push";
    private const int MaxLength = 512;

    /// <summary>Parses <c>type:name:actions</c>; null when it does not have that shape.</summary>
    public static RegistryScope? Parse(string text)
    {
        var first = text.IndexOf(':', StringComparison.Ordinal);
        var last = text.LastIndexOf(':');
        if (text.Length > MaxLength || first <= 0 || last <= first + 1 || text.Any(char.IsControl))
        {
            return null;
        }

        var actions = text[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new RegistryScope(text[..first], text[(first + 1)..last], actions);
    }

    /// <summary>The same resource with only the actions in <paramref name="allowed"/>.</summary>
    public RegistryScope Only(IReadOnlySet<string> allowed) => this with { Actions = [.. Actions.Where(allowed.Contains).Distinct()] };
}
