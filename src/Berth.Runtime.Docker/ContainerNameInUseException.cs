namespace Berth.Runtime.Docker;

/// <summary>A container with the requested name exists already on the engine.</summary>
internal sealed class ContainerNameInUseException(string name, string message, Exception? innerException = null)
    : ContainerRuntimeException(message, innerException)
{
    /// <summary>The name that is taken.</summary>
    public string Name { get; } = name;
}
