using Berth.Core.Events;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>One event of an app; <see cref="Logs"/> holds a failed instance's last lines, kept before it was removed.</summary>
public sealed record AppEventView(long Sequence, DateTimeOffset Time, AppEventType Type, string Message, string? InstanceId, string? Host, IReadOnlyList<string> Logs)
{
    public static AppEventView From(AppEvent e) => new(e.Sequence, e.Time, e.Type, e.Message, e.InstanceId, e.HostName, e.Logs);
}
