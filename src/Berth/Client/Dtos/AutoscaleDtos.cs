namespace Berth.Client.Dtos;

/// <summary>The body of <c>PUT /v1/apps/{id}/autoscale</c>.</summary>
internal sealed record AutoscaleRequest(int Min, int Max, AutoscaleTarget Target, int? IdleSeconds);

/// <summary>One of the three targets; the others null.</summary>
internal sealed record AutoscaleTarget(double? RequestsPerSecondPerInstance = null, double? CpuPercent = null, double? P99Ms = null);

/// <summary>An app's autoscale policy as the API returns it.</summary>
internal sealed record AutoscaleView(string AppId, int Min, int Max, AutoscaleTarget Target, int? IdleSeconds, bool Sleeping, DateTimeOffset UpdatedAt);
