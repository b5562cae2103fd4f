namespace Berth.Core.Runtime;

/// <summary>The engine could not bind the container's host port: something other than this container holds it.</summary>
public sealed class HostPortInUseException(string message, Exception? innerException = null) : Exception(message, innerException);
