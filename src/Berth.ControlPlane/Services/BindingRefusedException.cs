namespace Berth.ControlPlane.Services;

/// <summary>A bind or unbind that cannot be done as things stand (the service is not running, the app runs a canary…); the message says why.</summary>
internal sealed class BindingRefusedException(string message) : Exception(message);
