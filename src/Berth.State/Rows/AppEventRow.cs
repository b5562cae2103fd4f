using Berth.Core.Events;

namespace Berth.State.Rows;

/// <summary>An <c>app_events</c> row as Dapper reads and writes it; log lines are one text, joined by line breaks.</summary>
internal sealed class AppEventRow
{
    public const string Columns =
        "seq AS Sequence, app_id AS AppId, type AS Type, message AS Message, instance_id AS InstanceId, host_name AS HostName, " +
        "logs AS Logs, at AS Time";

    public long Sequence { get; set; }
    public string AppId { get; set; } = "";
    public string Type { get; set; } = "";
    public string Message { get; set; } = "";
    public string? InstanceId { get; set; }
    public string? HostName { get; set; }
    public string? Logs { get; set; }
    public string Time { get; set; } = "";

    public static AppEventRow From(AppEvent appEvent) => new()
    {
        Sequence = appEvent.Sequence,
        AppId = appEvent.AppId,
        Type = StoredEnum.ToText(appEvent.Type),
        Message = appEvent.Message,
        InstanceId = appEvent.InstanceId,
        HostName = appEvent.HostName,
        Logs = appEvent.Logs.Count == 0 ? null : string.Join('\n', appEvent.Logs),
        Time = StoredTime.ToText(appEvent.Time),
    };

    public AppEvent ToAppEvent() => new()
    {
        Sequence = Sequence,
        AppId = AppId,
        Type = StoredEnum.Parse<AppEventType>(Type),
        Message = Message,
        InstanceId = InstanceId,
        HostName = HostName,
        Logs = Logs is null ? [] : Logs.Split('\n'),
        Time = StoredTime.Parse(Time),
    };
}
