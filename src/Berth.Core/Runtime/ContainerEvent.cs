namespace Berth.Core.Runtime;

/// <summary>Something that happened to a container, as its engine reports it.</summary>
public sealed record ContainerEvent
{
    public required string ContainerId { get; init; }
    /// <summary>The engine's word for it: <c>start</c>, <c>die</c>, <c>oom</c>, <c>kill</c>, <c>stop</c>, <c>destroy</c> …</summary>
    public required string Action { get; init; }
    /// <summary>The container's labels, beside the engine's own attributes (<c>name</c>, <c>image</c>, <c>exitCode</c> …).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset Time { get; init; }

    /// <summary>The exit code a <c>die</c> event carries, if any.</summary>
    public int? ExitCode => Attributes.TryGetValue("exitCode", out var text) && int.TryParse(text, out var code) ? code : null;
}
