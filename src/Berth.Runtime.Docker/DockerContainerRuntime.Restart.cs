using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

internal sealed partial class DockerContainerRuntime : IContainerRestarter, IEngineHeartbeat
{
    /// <inheritdoc />
    /// <exception cref="ContainerRuntimeException">The engine refused, for instance because the host port is taken now.</exception>
    public async Task RestartAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var seconds = (uint)Math.Clamp(Math.Ceiling(grace.TotalSeconds), 0, uint.MaxValue);
        try
        {
            await _client.Containers.RestartContainerAsync(containerId, new ContainerRestartParameters { WaitBeforeKillSeconds = seconds }, cancellationToken);
            LogStarted(containerId);
        }
        catch (DockerContainerNotFoundException)
        {
            throw new ContainerNotFoundException(containerId);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"restarting container {containerId}", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ContainerRuntimeException">The engine did not answer.</exception>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.System.PingAsync(cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            throw Wrap("pinging the engine", e);
        }
    }
}
