namespace Berth.Core.Events;

/// <summary>One thing that happened to an app, in the order the store recorded it.</summary>
public sealed record AppEvent
{
    /// <summary>The store's sequence number, increasing across all apps; 0 until stored.</summary>
    public long Sequence { get; init; }
    public required string AppId { get; init; }
    public required AppEventType Type { get; init; }
    public required string Message { get; init; }
    public string? InstanceId { get; init; }
    public string? HostName { get; init; }
    public DateTimeOffset Time { get; init; }
    /// <summary>The last lines a failed instance wrote, captured before it was removed.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];
}
