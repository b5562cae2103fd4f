using System.Collections.Concurrent;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Microsoft.Extensions.Logging;

namespace Berth.Runtime.Docker;

/// <summary>
/// Hands out one <see cref="DockerContainerRuntime"/> per engine endpoint, so each engine gets one pooled client;
/// endpoints configured with TLS files connect with that client certificate.
/// </summary>
public sealed class DockerRuntimeFactory(ILoggerFactory loggerFactory, IRegistryCredentialsProvider? registryCredentials = null)
    : IContainerRuntimeFactory, IEngineTlsSettings, IDisposable
{
    // Lazy so that two racing callers never both build a client, which would leak the loser's connection.
    private readonly ConcurrentDictionary<string, Lazy<DockerContainerRuntime>> runtimes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EngineTls> tlsByEndpoint = new(StringComparer.Ordinal);
    private volatile bool disposed;

    /// <summary>
    /// Uses <paramref name="tls"/> for <paramref name="engineEndpoint"/> from now on; a runtime already handed out with
    /// other settings is closed, so the next <see cref="Get"/> connects anew.
    /// </summary>
    public void Configure(string engineEndpoint, EngineTls tls)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engineEndpoint);
        ArgumentNullException.ThrowIfNull(tls);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (tlsByEndpoint.TryGetValue(engineEndpoint, out var current) && current == tls)
        {
            return;
        }

        tlsByEndpoint[engineEndpoint] = tls;
        if (runtimes.TryRemove(engineEndpoint, out var old) && old.IsValueCreated)
        {
            old.Value.Dispose();
        }
    }

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
            registryCredentials,
            tlsByEndpoint.GetValueOrDefault(engineEndpoint)));
}
