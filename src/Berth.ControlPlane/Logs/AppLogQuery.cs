namespace Berth.ControlPlane.Logs;

/// <summary>Which logs to read: the last <see cref="Tail"/> lines of each instance (or one instance), then new lines if following.</summary>
internal sealed record AppLogQuery(int Tail, bool Follow, string? InstanceId);
