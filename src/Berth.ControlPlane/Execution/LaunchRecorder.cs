using Berth.ControlPlane.Events;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.State;

namespace Berth.ControlPlane.Execution;

/// <summary>The app events a launch leaves: an instance started, or failed to start with its container's last lines.</summary>
public sealed class LaunchRecorder(IStateStore store, HostEngines hosts, AppEventRecorder events, FailureLogs failureLogs)
{
    public Task StartedAsync(App app, Instance instance) =>
        events.RecordAsync(app.Id, AppEventType.InstanceStarted, $"started {instance.Version} on {instance.HostName} at {instance.Address}; in discovery", instance);

    public Task PortBlockedAsync(Instance moved, string message) => events.RecordAsync(moved.AppId, AppEventType.PortBlocked, message, moved);

    /// <summary>Keeps the failed container's last lines with the failure, before the clean-up removes it.</summary>
    public async Task StartFailedAsync(string instanceId, Exception failure)
    {
        if (await store.GetInstanceAsync(instanceId, CancellationToken.None) is not { ContainerId: { } containerId } instance
            || await hosts.RuntimeAsync(instance.HostName, CancellationToken.None) is not { } runtime)
        {
            return;
        }

        var logs = await failureLogs.CaptureAsync(runtime, containerId);
        await events.RecordAsync(instance.AppId, AppEventType.StartFailed, $"failed to start: {failure.Message}", instance, logs);
    }
}
