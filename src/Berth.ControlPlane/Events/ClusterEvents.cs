using Berth.Core.Events;

namespace Berth.ControlPlane.Events;

/// <summary>
/// What happens to the cluster's hosts as a whole — hosts provisioned, refused, drained and destroyed — in the same event
/// store as apps under the key <c>cluster:hosts</c> (app ids never hold a colon, so the two never mix). A step taken for
/// an app (a host asked for because its deployment found no room) is also recorded on that app, so its owner sees it.
/// </summary>
public sealed class ClusterEvents(AppEventRecorder recorder)
{
    /// <summary>The event store key of the cluster's host events.</summary>
    public const string Key = "cluster:hosts";

    /// <summary>Records a host event, and the same on <paramref name="appId"/>'s events when the step was taken for an app.</summary>
    public async Task RecordAsync(AppEventType type, string message, string? hostName = null, string? appId = null)
    {
        await recorder.RecordAsync(Key, type, message, hostName: hostName);
        if (appId is not null)
        {
            await recorder.RecordAsync(appId, type, message, hostName: hostName);
        }
    }
}
