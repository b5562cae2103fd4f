namespace Berth.Contracts;

/// <summary>One key of an app's discovery entries.</summary>
public sealed record DiscoveryEntryView(string Key, string Value);
