namespace Berth.Contracts;

/// <summary>An app's autoscale policy, and whether the app sleeps now (no container until its next request).</summary>
public sealed record AutoscaleView(string AppId, int Min, int Max, AutoscaleTarget Target, int? IdleSeconds, bool Sleeping, DateTimeOffset UpdatedAt);
