namespace Berth.Client.Dtos;

/// <summary>One event of an app as the API returns it; <see cref="Logs"/> holds a failed instance's last lines.</summary>
internal sealed record AppEventView(
    long Sequence,
    DateTimeOffset Time,
    string Type,
    string Message,
    string? InstanceId,
    string? Host,
    IReadOnlyList<string>? Logs);
