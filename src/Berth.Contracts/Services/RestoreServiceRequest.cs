namespace Berth.Contracts;

/// <summary>Restores <c>backup</c> (one of this service's) into the service itself, or into a new service named <c>to</c>.</summary>
public sealed record RestoreServiceRequest(string? Backup, string? To);
