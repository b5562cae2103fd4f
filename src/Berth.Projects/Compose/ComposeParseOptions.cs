namespace Berth.Projects.Compose;

/// <summary>How strictly a compose file is read.</summary>
public sealed record ComposeParseOptions
{
    /// <summary>The project the file is deployed as; its apps are named <c>{project}-{service}</c>, which must be valid app ids.</summary>
    public string? ProjectName { get; init; }
    /// <summary>Keys Berth does not implement become warnings instead of errors (never the refused ones such as <c>privileged</c>).</summary>
    public bool AllowIgnored { get; init; }
}
