namespace Berth.Core.Discovery;

public enum DiscoveryEventType
{
    Put,
    Delete,
}

/// <summary>One change to one key; <see cref="Value"/> is null for deletes.</summary>
public sealed record DiscoveryEvent(DiscoveryEventType Type, string Key, string? Value, long Revision);
