namespace Berth.Core.Discovery;

public sealed record DiscoveryEntry(string Key, string Value, long Revision);
