using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.Core.Instances;

namespace Berth.ControlPlane.Health;

/// <summary>A failed instance's last lines, read from its host's engine before the healer removes its container.</summary>
public sealed class InstanceLogs(HostEngines hosts, FailureLogs failureLogs)
{
    /// <summary>The container's last lines, or nothing when its host or engine cannot give them; never throws for the logs themselves.</summary>
    public async Task<IReadOnlyList<string>> CaptureAsync(Instance instance, CancellationToken cancellationToken) =>
        await hosts.RuntimeAsync(instance.HostName, cancellationToken) is { } runtime ? await failureLogs.CaptureAsync(runtime, instance.ContainerId) : [];
}
