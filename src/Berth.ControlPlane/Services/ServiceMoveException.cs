namespace Berth.ControlPlane.Services;

/// <summary>A move was refused or failed; the message says where the service and its data are.</summary>
internal sealed class ServiceMoveException(string message, Exception? inner = null) : Exception(message, inner);
