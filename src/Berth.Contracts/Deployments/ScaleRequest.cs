namespace Berth.Contracts;

/// <summary>The body of <c>PUT /v1/apps/{id}/scale</c>.</summary>
public sealed record ScaleRequest(int? Instances);
