namespace Berth.Core.Runtime;

/// <summary>One line a container wrote, without its line break.</summary>
public sealed record LogLine(DateTimeOffset Time, LogStream Stream, string Text);
