namespace Berth.Contracts;

/// <summary>How an app's instances are probed, as its view shows it.</summary>
/// <param name="StartSeconds">Seconds after a (re)start during which failing probes do not count.</param>
public sealed record HealthCheckView(string Path, int IntervalSeconds, int TimeoutSeconds, int Retries, int StartSeconds);
