namespace Berth.Core.Hosts;

/// <summary>A host port something outside Berth holds (the engine could not bind it): no reservation takes it before <see cref="Until"/>.</summary>
/// <param name="Reason">What the engine answered when it could not bind the port.</param>
public sealed record BlockedPort(string HostName, int Port, DateTimeOffset Until, string Reason);
