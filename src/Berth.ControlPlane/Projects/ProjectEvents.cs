using Berth.ControlPlane.Events;
using Berth.Core.Events;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// What happens to projects as a whole (revisions, ignored compose keys), in the same event store as apps under the
/// key <c>project:{name}</c> (app ids never hold a colon, so the two never mix). Each service's own events stay its app's.
/// </summary>
internal sealed class ProjectEvents(AppEventRecorder recorder)
{
    public static string Key(string project) => $"project:{project}";

    public Task RecordAsync(string project, AppEventType type, string message) => recorder.RecordAsync(Key(project), type, message);
}
