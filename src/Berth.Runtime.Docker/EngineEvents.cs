using Berth.Core.Runtime;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

/// <summary>Reads one message of the engine's <c>/events</c> stream.</summary>
internal static class EngineEvents
{
    /// <summary>The container event the message describes, or null for other kinds of messages.</summary>
    public static ContainerEvent? From(Message message)
    {
        if (message.Type != "container" || string.IsNullOrEmpty(message.Action) || string.IsNullOrEmpty(message.Actor?.ID))
        {
            return null;
        }

        var time = message.TimeNano is { } nanos ? DateTimeOffset.UnixEpoch.AddTicks(nanos / 100)
            : message.Time is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : default;
        // Some actions carry a detail after a colon ("health_status: healthy", "exec_start: sh"): the action is the part before.
        var colon = message.Action.IndexOf(':', StringComparison.Ordinal);
        return new ContainerEvent
        {
            ContainerId = message.Actor.ID,
            Action = colon < 0 ? message.Action : message.Action[..colon],
            Attributes = message.Actor.Attributes is { } attributes ? attributes.ToDictionary() : new Dictionary<string, string>(),
            Time = time,
        };
    }
}
