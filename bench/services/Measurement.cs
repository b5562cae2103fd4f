namespace Berth.Bench.Services;

/// <summary>One service started: until its first successful query.</summary>
internal sealed record Measurement(string Side, string Type, TimeSpan FirstQuery);
