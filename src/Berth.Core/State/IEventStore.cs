using Berth.Core.Events;

namespace Berth.Core.State;

/// <summary>What happened to each app, kept in the database so it survives restarts and is shared by control planes.</summary>
public interface IEventStore
{
    /// <summary>Stores the event and returns it with its <see cref="AppEvent.Sequence"/>.</summary>
    Task<AppEvent> AppendEventAsync(AppEvent appEvent, CancellationToken cancellationToken);

    /// <summary>The app's events with a sequence above <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AppEvent>> ListEventsAsync(string appId, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The app's newest <paramref name="count"/> events, oldest first.</summary>
    Task<IReadOnlyList<AppEvent>> ListLatestEventsAsync(string appId, int count, CancellationToken cancellationToken);

    /// <summary>Forgets every event of the app, so an app created later under the same id starts clean.</summary>
    Task DeleteEventsAsync(string appId, CancellationToken cancellationToken);
}
