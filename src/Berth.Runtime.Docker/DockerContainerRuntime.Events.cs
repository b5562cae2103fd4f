using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

internal sealed partial class DockerContainerRuntime : IContainerEvents
{
    /// <inheritdoc />
    /// <exception cref="ContainerRuntimeException">The engine is unreachable or broke the stream off.</exception>
    public async IAsyncEnumerable<ContainerEvent> WatchAsync(
        IReadOnlyDictionary<string, string> labels, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var parameters = new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["label"] = labels.ToDictionary(pair => $"{pair.Key}={pair.Value}", _ => true),
            },
        };
        var channel = Channel.CreateUnbounded<ContainerEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = MonitorAsync(parameters, channel.Writer, stop.Token);
        try
        {
            await foreach (var containerEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return containerEvent;
            }
        }
        finally
        {
            // The caller stopped reading (or the stream ended): end the request too.
            await stop.CancelAsync();
            await monitor;
        }
    }

    /// <summary>Runs the engine's event request, feeding the channel; completes the channel with the reason it ended.</summary>
    private async Task MonitorAsync(ContainerEventsParameters parameters, ChannelWriter<ContainerEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await _client.System.MonitorEventsAsync(parameters, new EventProgress(writer), cancellationToken);
            writer.TryComplete(new ContainerRuntimeException($"the event stream of {_endpoint} ended"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            writer.TryComplete(Wrap("following the event stream", e));
        }
    }

    /// <summary>Reports synchronously, so events reach the channel in the order the engine sent them.</summary>
    private sealed class EventProgress(ChannelWriter<ContainerEvent> writer) : IProgress<Message>
    {
        public void Report(Message value)
        {
            if (EngineEvents.From(value) is { } containerEvent)
            {
                writer.TryWrite(containerEvent);
            }
        }
    }
}
