using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

public sealed partial class DockerContainerRuntime : IContainerStats
{
    /// <inheritdoc />
    /// <exception cref="ContainerRuntimeException">The engine did not answer.</exception>
    public async Task<ContainerUsage?> GetUsageAsync(string containerId, CancellationToken cancellationToken)
    {
        ContainerStatsResponse? sample = null;
        try
        {
            // Not one-shot: the engine then takes a second sample about a second later, so the CPU figure has a
            // previous sample to compare with, as `docker stats --no-stream` shows it.
            await client.Containers.GetContainerStatsAsync(
                containerId, new ContainerStatsParameters { Stream = false }, new Progress<ContainerStatsResponse>(s => sample = s), cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            throw Wrap($"reading the stats of container {containerId}", e);
        }

        // A stopped container answers with an empty sample: no memory limit, nothing read.
        return sample is null || sample.Read == default || sample.MemoryStats?.Limit is null or 0 ? null : StatsUsage.From(sample);
    }
}
