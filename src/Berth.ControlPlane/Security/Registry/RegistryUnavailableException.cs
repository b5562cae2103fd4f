namespace Berth.ControlPlane.Security.Registry;

/// <summary>Berth's registry could not be reached, or would not answer a read.</summary>
internal sealed class RegistryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
