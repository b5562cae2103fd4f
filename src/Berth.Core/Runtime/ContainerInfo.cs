namespace Berth.Core.Runtime;

/// <summary>A container as the engine reports it.</summary>
public sealed record ContainerInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Image { get; init; }
    public bool Running { get; init; }
    /// <summary>The engine's own word for the state: created, running, exited …</summary>
    public string Status { get; init; } = "";
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>The exit code of a container that ran and stopped; null while it runs or before it ran.</summary>
    public int? ExitCode { get; init; }
    /// <summary>The first published host port, if any.</summary>
    public int? HostPort { get; init; }
}
