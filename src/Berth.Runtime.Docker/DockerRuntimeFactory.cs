using System.Collections.Concurrent;
using Berth.Core.Runtime;
using Microsoft.Extensions.Logging;

namespace Berth.Runtime.Docker;

/// <summary>Hands out one <see cref="DockerContainerRuntime"/> per engine endpoint, so each engine gets one pooled client.</summary>
public sealed class DockerRuntimeFactory(ILoggerFactory loggerFactory, IRegistryCredentialsProvider? registryCredentials = null)
    : IContainerRuntimeFactory, IDisposable
{
    // Lazy so that two racing callers never both build a client, which would leak the loser's connection.
    private readonly ConcurrentDictionary<string, Lazy<DockerContainerRuntime>> runtimes = new(StringComparer.Ordinal);
    private volatile bool disposed;

    /// <summary>The runtime of the engine at <paramref name="engineEndpoint"/>, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    public IContainerRuntime Get(string engineEndpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engineEndpoint);
        ObjectDisposedException.ThrowIf(disposed, this);
        return runtimes.GetOrAdd(engineEndpoint, Create).Value;
    }

    /// <summary>Closes every engine connection handed out.</summary>
    public void Dispose()
    {
        disposed = true;
        foreach (var runtime in runtimes.Values.Where(lazy => lazy.IsValueCreated))
        {
            runtime.Value.Dispose();
        }

        runtimes.Clear();
    }

    private Lazy<DockerContainerRuntime> Create(string engineEndpoint) =>
        new(() => new DockerContainerRuntime(
            new Uri(engineEndpoint),
            loggerFactory.CreateLogger<DockerContainerRuntime>(),
            registryCredentials));
}
