using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

internal sealed partial class DockerContainerRuntime : IPublishedPorts
{
    /// <inheritdoc />
    /// <remarks>
    /// One list call: only running containers hold their ports, and the list answer carries their live bindings
    /// (stopped ones bind nothing until they start, which the engine then reports as an event).
    /// </remarks>
    public async Task<IReadOnlyList<PublishedPort>> ListPublishedPortsAsync(CancellationToken cancellationToken)
    {
        IList<ContainerListResponse> running;
        try
        {
            running = await _client.Containers.ListContainersAsync(new ContainersListParameters { All = false }, cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap("listing published ports", e);
        }

        return running
            .SelectMany(container => (container.Ports ?? []).Where(port => port.PublicPort > 0).Select(port => new PublishedPort(
                container.ID,
                port.IP ?? "",
                port.PublicPort!.Value,
                container.Labels is { } labels ? labels.ToDictionary() : new Dictionary<string, string>())))
            .ToList();
    }
}
