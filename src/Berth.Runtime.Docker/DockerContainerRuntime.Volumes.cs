using System.Net;
using Berth.Core.Runtime;
using Docker.DotNet;

namespace Berth.Runtime.Docker;

internal sealed partial class DockerContainerRuntime : IVolumes
{
    /// <inheritdoc />
    public async Task RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Volumes.RemoveAsync(name, force: true, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Gone already: the outcome asked for.
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"removing volume {name}", e);
        }
    }
}
