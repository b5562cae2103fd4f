namespace Berth.Contracts;

/// <summary>Moves the service to the host named <c>to</c>.</summary>
public sealed record MoveServiceRequest(string? To);
