namespace Berth.Core.State;

/// <summary>A row with that key exists already.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The host changed since the placement read it; read again and retry.</summary>
public sealed class StaleHostException(string host) : Exception($"host {host} changed since it was read");

/// <summary>Every port of the host's range is held by an instance or blocked.</summary>
public sealed class PortRangeExhaustedException(string host, int start, int end)
    : Exception($"no free port on host {host}: every port of {start}-{end} is in use");

/// <summary>The host lacks the memory or CPU shares the instance asks for.</summary>
public sealed class InsufficientCapacityException(string message) : Exception(message);
