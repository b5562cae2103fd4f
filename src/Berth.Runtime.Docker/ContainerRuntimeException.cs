namespace Berth.Runtime.Docker;

/// <summary>The engine refused or failed a request; the message carries the engine's own reason.</summary>
public class ContainerRuntimeException(string message, Exception? innerException = null)
    : Exception(message, innerException);
