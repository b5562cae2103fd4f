using Berth.Contracts;
using Berth.Core.Events;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps an <see cref="AppEvent"/> onto its view.</summary>
internal static class AppEventViewMapping
{
    extension(AppEventView)
    {
        public static AppEventView From(AppEvent e) => new(e.Sequence, e.Time, WireNames.Of(e.Type), e.Message, e.InstanceId, e.HostName, e.Logs);
    }
}
