namespace Berth.Gateway.Routing;

/// <summary>
/// An app the control plane put to sleep (<c>/caas/sleeping/{appId}</c>): requests for it are held while it wakes.
/// <see cref="Failure"/> says why its last wake failed, written at discovery revision <see cref="Revision"/>.
/// </summary>
internal sealed record SleepMark(string? Failure, long Revision);
