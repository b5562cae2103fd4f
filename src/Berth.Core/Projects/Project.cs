namespace Berth.Core.Projects;

/// <summary>
/// A tenant's compose file running as apps, one per service (<c>{Name}-{service}</c>). <see cref="Compose"/> is the
/// revision that runs; a deploy that fails leaves it (and the services' apps) as they were.
/// </summary>
public sealed record Project
{
    public required string Name { get; init; }
    public required string Tenant { get; init; }
    /// <summary>The revision that runs: 0 until a first deploy succeeded, then one more per successful deploy or rollback.</summary>
    public int Revision { get; init; }
    /// <summary>The compose text of <see cref="Revision"/>, as deployed (env files resolved); empty before the first success.</summary>
    public string Compose { get; init; } = "";
    /// <summary>The compose text of the revision before, the target of a rollback; null when there is none.</summary>
    public string? PreviousCompose { get; init; }
    public ProjectState State { get; init; } = ProjectState.Deploying;
    /// <summary>Why the last deploy failed, or what it does now.</summary>
    public string? Reason { get; init; }
    /// <summary>The keys the last deploy ignored (deployed with <c>--allow-ignored</c>), each with its line.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
