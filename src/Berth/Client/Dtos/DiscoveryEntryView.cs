namespace Berth.Client.Dtos;

/// <summary>One key of an app's discovery entries.</summary>
internal sealed record DiscoveryEntryView(string Key, string Value);
