namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>The body of <c>PATCH /v1/hosts/{name}</c>: new labels (replacing all of them) and/or the drain flag.</summary>
public sealed record UpdateHostRequest(Dictionary<string, string>? Labels, bool? Drain);
