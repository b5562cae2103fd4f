namespace Berth.Core.Runtime;

/// <summary>Which of a container's log lines to read.</summary>
public sealed record LogRequest
{
    /// <summary>Only the last lines, or all when null.</summary>
    public int? Tail { get; init; }
    /// <summary>Keep reading new lines until the container stops or the caller cancels.</summary>
    public bool Follow { get; init; }
}
