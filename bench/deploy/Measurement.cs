namespace Berth.Bench.Deploy;

/// <summary>One timed deployment: until the first instance answered 200, and until all did.</summary>
internal sealed record Measurement(string Side, int Instances, TimeSpan FirstOk, TimeSpan AllOk);
