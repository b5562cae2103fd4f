namespace Berth.Contracts;

/// <summary>A port of a host's range that placements skip until <paramref name="Until"/>, as the engine found it taken outside Berth.</summary>
/// <param name="Reason">What the engine answered when it could not bind the port.</param>
public sealed record BlockedPortView(int Port, DateTimeOffset Until, string Reason);
