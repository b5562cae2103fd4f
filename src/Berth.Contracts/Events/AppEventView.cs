namespace Berth.Contracts;

/// <summary>
/// One event of an app; <see cref="Type"/> is e.g. <c>instanceStarted</c>, <c>unhealthy</c>, <c>launchFailed</c>,
/// <c>autoscaled</c>, <c>slept</c>, <c>woken</c> or <c>wakeFailed</c> (for hosts, in <c>GET /v1/cluster/events</c>: <c>hostRequested</c>,
/// <c>hostProvisioned</c>, <c>provisionFailed</c>, <c>provisionRefused</c>, <c>hostDrained</c>, <c>hostDestroyed</c>, <c>destroyFailed</c>), and
/// <see cref="Logs"/> holds a failed instance's last lines, kept before it was removed.
/// </summary>
public sealed record AppEventView(long Sequence, DateTimeOffset Time, string Type, string Message, string? InstanceId, string? Host, IReadOnlyList<string> Logs);
