using System.Globalization;
using System.Runtime.CompilerServices;
using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

internal sealed partial class DockerContainerRuntime : IContainerLogs
{
    private const int LogBufferSize = 16 * 1024;

    /// <inheritdoc />
    /// <exception cref="ContainerRuntimeException">The engine is unreachable or refused.</exception>
    public async IAsyncEnumerable<LogLine> ReadLogsAsync(
        string containerId, LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Follow = request.Follow,
            Timestamps = true,
            Tail = request.Tail is { } tail ? Math.Max(tail, 0).ToString(CultureInfo.InvariantCulture) : "all",
        };
        using var stream = await OpenLogsAsync(containerId, parameters, cancellationToken);
        if (stream is null)
        {
            yield break;
        }

        var splitter = new LogLineSplitter();
        var buffer = new byte[LogBufferSize];
        while (true)
        {
            var read = await ReadLogChunkAsync(stream, containerId, buffer, cancellationToken);
            if (read.EOF)
            {
                break;
            }

            var logStream = read.Target == MultiplexedStream.TargetStream.StandardError ? LogStream.Stderr : LogStream.Stdout;
            foreach (var line in splitter.Add(logStream, buffer.AsSpan(0, read.Count)))
            {
                yield return line;
            }
        }

        foreach (var line in splitter.Flush())
        {
            yield return line;
        }
    }

    private async Task<MultiplexedStream?> OpenLogsAsync(string containerId, ContainerLogsParameters parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Containers.GetContainerLogsAsync(containerId, parameters, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"reading the logs of container {containerId}", e);
        }
    }

    private async Task<MultiplexedStream.ReadResult> ReadLogChunkAsync(
        MultiplexedStream stream, string containerId, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw Wrap($"reading the logs of container {containerId}", e);
        }
    }
}
