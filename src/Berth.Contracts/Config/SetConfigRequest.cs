namespace Berth.Contracts;

/// <summary>The body of <c>PUT /v1/apps/{id}/config/{key}</c>.</summary>
public sealed record SetConfigRequest(string? Value, bool? Secret);
