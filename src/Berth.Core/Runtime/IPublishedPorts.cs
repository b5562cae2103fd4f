namespace Berth.Core.Runtime;

/// <summary>An engine that tells which host ports its running containers hold, whoever started them.</summary>
public interface IPublishedPorts
{
    /// <summary>Every host port published by a running container of the engine, Berth's or not.</summary>
    Task<IReadOnlyList<PublishedPort>> ListPublishedPortsAsync(CancellationToken cancellationToken);
}
