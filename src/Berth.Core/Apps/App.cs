namespace Berth.Core.Apps;

/// <summary>An application a tenant runs on Berth: how to run its containers and what is wanted of it now.</summary>
public sealed record App
{
    public required string Id { get; init; }
    public required string Tenant { get; init; }
    /// <summary>
    /// The registry repository the app runs: null for the tenant's own images (<c>{registry}/{Id}:{version}</c>),
    /// or the name of a base service image every tenant may run.
    /// </summary>
    public string? Image { get; init; }
    /// <summary>The port the app listens on inside its containers.</summary>
    public int Port { get; init; } = 8080;
    public int MemoryMb { get; init; } = 512;
    public int CpuShares { get; init; } = 1024;
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public HealthCheckSpec HealthCheck { get; init; } = new();
    public FailurePolicy OnFailure { get; init; } = FailurePolicy.Restart;
    /// <summary>Seconds an old instance keeps running after it left discovery, so in-flight requests finish.</summary>
    public int DrainSeconds { get; init; } = 2;
    /// <summary>The version that serves traffic, or null before the first successful deployment.</summary>
    public string? ActiveVersion { get; init; }
    /// <summary>The version that served before <see cref="ActiveVersion"/>; the target of a rollback.</summary>
    public string? PreviousVersion { get; init; }
    /// <summary>How many instances of the active version are wanted.</summary>
    public int Instances { get; init; }
    /// <summary>
    /// A version running beside the active one (a canary) until it is promoted or aborted, or null. Its instances are
    /// wanted as much as the active version's: registered in discovery, healed, never retired as strays.
    /// </summary>
    public string? CanaryVersion { get; init; }
    /// <summary>How many instances of <see cref="CanaryVersion"/> are wanted.</summary>
    public int CanaryInstances { get; init; }
    /// <summary>Where the app's instances may go: strategy, label constraints, affinity, spread, global.</summary>
    public AppPlacement Placement { get; init; } = AppPlacement.Default;
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Containers get a read-only root filesystem, with a small tmpfs at <c>/tmp</c> for scratch files.</summary>
    public bool ReadOnlyRootFilesystem { get; init; }
    /// <summary>A delete has begun: the app wants no instance, and the reconciler finishes the delete after a crash.</summary>
    public bool Deleting { get; init; }
    /// <summary>The project service this app is, or null for an app of its own.</summary>
    public ProjectService? Project { get; init; }

    /// <summary>The health check the instances of <paramref name="version"/> are probed with (see <see cref="ProjectService.EarlierHealthCheck"/>).</summary>
    public HealthCheckSpec HealthCheckOf(string version) =>
        Project is { EarlierHealthCheck: { } earlier, HealthCheckVersion: { } since } && version != since ? earlier : HealthCheck;
}
