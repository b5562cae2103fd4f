namespace Berth.Contracts;

/// <summary>The body of <c>PATCH /v1/hosts/{name}</c>: new labels (replacing all of them) and/or the drain flag; null leaves a field as it is.</summary>
public sealed record UpdateHostRequest(IReadOnlyDictionary<string, string>? Labels, bool? Drain);
