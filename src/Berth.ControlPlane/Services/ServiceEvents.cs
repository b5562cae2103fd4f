using Berth.ControlPlane.Events;
using Berth.Core.Events;
using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>
/// What happens to services, in the same event store as apps under the key <c>service:{id}</c> (app ids never hold a
/// colon, so the two never mix).
/// </summary>
public sealed class ServiceEvents(AppEventRecorder recorder)
{
    public static string Key(string serviceId) => $"service:{serviceId}";

    public Task RecordAsync(ManagedService service, AppEventType type, string message) =>
        recorder.RecordAsync(Key(service.Id), type, message, hostName: service.HostName);
}
