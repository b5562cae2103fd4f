using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

internal sealed partial class DockerContainerRuntime : IContainerStats
{
    /// <inheritdoc />
    /// <exception cref="ContainerRuntimeException">The engine did not answer.</exception>
    public async Task<ContainerUsage?> GetUsageAsync(string containerId, CancellationToken cancellationToken)
    {
        var last = new LastSample();
        try
        {
            // Not one-shot: the engine then takes a second sample about a second later, so the CPU figure has a
            // previous sample to compare with, as `docker stats --no-stream` shows it.
            await _client.Containers.GetContainerStatsAsync(
                containerId, new ContainerStatsParameters { Stream = false }, last, cancellationToken);
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
        var sample = last.Sample;
        return sample is null || sample.Read == default || sample.MemoryStats?.Limit is null or 0 ? null : StatsUsage.From(sample);
    }

    /// <summary>
    /// Keeps the sample as it arrives: <see cref="Progress{T}"/> would post it to the thread pool, so it could land
    /// after the call returned.
    /// </summary>
    private sealed class LastSample : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Sample { get; private set; }

        public void Report(ContainerStatsResponse value) => Sample = value;
    }
}
