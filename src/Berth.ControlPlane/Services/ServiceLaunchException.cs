namespace Berth.ControlPlane.Services;

/// <summary>A service could not be placed or started; the message says why.</summary>
internal sealed class ServiceLaunchException(string message, Exception? innerException = null) : Exception(message, innerException);
