namespace Berth.ZooKeeper.Watches;

/// <summary>A watch to set on <see cref="Path"/> (a client path) once the request's reply says it was set on the server.</summary>
internal sealed record WatchRegistration(WatchKind Kind, string Path, Action<WatchedEvent>? Callback = null, PersistentWatch? Persistent = null);
