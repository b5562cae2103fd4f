namespace Berth.Client.Dtos;

/// <summary>How an app's instances are probed; sent when creating an app and returned in its view.</summary>
internal sealed record HealthCheckView(string Path, int IntervalSeconds, int TimeoutSeconds, int Retries);
