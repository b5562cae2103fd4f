namespace Berth.Contracts;

/// <summary>
/// The body of <c>PUT /v1/apps/{id}/autoscale</c>: bounds, one target, and with <c>min</c> 0 how long without a
/// request before the app sleeps (default 300 s): its instances are retired, and its next request is held by the
/// gateway while one instance starts.
/// </summary>
public sealed record AutoscaleRequest(int? Min, int? Max, AutoscaleTarget? Target, int? IdleSeconds);
