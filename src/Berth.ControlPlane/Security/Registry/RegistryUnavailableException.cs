namespace Berth.ControlPlane.Security.Registry;

/// <summary>Berth's registry could not be reached, or would not answer a read.</summary>
public sealed class RegistryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
