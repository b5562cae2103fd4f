namespace Berth.Contracts;

/// <summary><c>{"with": "other-app"}</c>: run only on hosts that run the other app.</summary>
public sealed record AffinityRequest(string? With);
