namespace Berth.Core.Scaling;

/// <summary>
/// How many instances an app runs, decided from its load: between <see cref="Min"/> and <see cref="Max"/>, so that
/// <see cref="Metric"/> stays near <see cref="Target"/>. With <see cref="Min"/> 0 the app sleeps (no container) after
/// <see cref="IdleSeconds"/> without a request, and wakes on the next one.
/// </summary>
public sealed record AutoscalePolicy(string AppId, int Min, int Max, AutoscaleMetric Metric, double Target, int? IdleSeconds, DateTimeOffset UpdatedAt);
