namespace Berth.Projects.Compose;

/// <summary>
/// A service's health check. Berth probes over HTTP, so the check is a path: <c>x-berth.health</c>, or the
/// path of a <c>test</c> that fetches <c>http://localhost…</c>; null for Berth's default path.
/// </summary>
public sealed record ComposeHealthCheck
{
    public string? Path { get; init; }
    public int? IntervalSeconds { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? Retries { get; init; }
    public int? StartSeconds { get; init; }
}
