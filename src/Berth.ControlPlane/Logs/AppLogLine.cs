namespace Berth.ControlPlane.Logs;

/// <summary>One line of an app's logs, tagged with the instance that wrote it.</summary>
internal sealed record AppLogLine(string InstanceId, DateTimeOffset Time, string Text)
{
    /// <summary>The line as the logs API writes it: <c>[instance] text</c>.</summary>
    public override string ToString() => $"[{InstanceId}] {Text}";
}
