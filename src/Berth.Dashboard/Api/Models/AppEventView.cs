namespace Berth.Dashboard.Api.Models;

/// <summary>Something that happened to an app; <see cref="Logs"/> holds a failed instance's last lines.</summary>
public sealed record AppEventView(long Sequence, DateTimeOffset Time, string Type, string Message, string? InstanceId, string? Host, IReadOnlyList<string>? Logs);
