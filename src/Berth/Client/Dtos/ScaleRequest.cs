namespace Berth.Client.Dtos;

/// <summary>The body of <c>PUT /v1/apps/{id}/scale</c>.</summary>
internal sealed record ScaleRequest(int Instances);
