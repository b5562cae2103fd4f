namespace Berth.Client;

/// <summary>What <c>berth login</c> saves.</summary>
internal sealed record SavedConfig(string Url, string Token);
