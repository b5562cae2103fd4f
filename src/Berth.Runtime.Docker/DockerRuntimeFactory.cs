using System.Collections.Concurrent;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Microsoft.Extensions.Logging;

namespace Berth.Runtime.Docker;

/// <summary>
/// Hands out one <see cref="DockerContainerRuntime"/> per engine endpoint, so each engine gets one pooled client;
/// endpoints configured with TLS files connect with that client certificate.
/// </summary>
internal sealed class DockerRuntimeFactory(ILoggerFactory loggerFactory, IRegistryCredentialsProvider? registryCredentials = null)
    : IContainerRuntimeFactory, IEngineTlsSettings, IDisposable
{
    // Lazy so that two racing callers never both build a client, which would leak the loser's connection.
    private readonly ConcurrentDictionary<string, Lazy<DockerContainerRuntime>> _runtimes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EngineTls> _tlsByEndpoint = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary>
    /// Uses <paramref name="tls"/> for <paramref name="engineEndpoint"/> from now on; a runtime already handed out with
    /// other settings is closed, so the next <see cref="Get"/> connects anew.
    /// </summary>
    public void Configure(string engineEndpoint, EngineTls tls)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engineEndpoint);
        ArgumentNullException.ThrowIfNull(tls);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_tlsByEndpoint.TryGetValue(engineEndpoint, out var current) && current == tls)
        {
            return;
        }

        _tlsByEndpoint[engineEndpoint] = tls;
        if (_runtimes.TryRemove(engineEndpoint, out var old) && old.IsValueCreated)
        {
            old.Value.Dispose();
        }
    }

    /// <summary>The runtime of the engine at <paramref name="engineEndpoint"/>, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    public IContainerRuntime Get(string engineEndpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engineEndpoint);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _runtimes.GetOrAdd(engineEndpoint, Create).Value;
    }

    /// <summary>Closes every engine connection handed out.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var runtime in _runtimes.Values.Where(lazy => lazy.IsValueCreated))
        {
            runtime.Value.Dispose();
        }

        _runtimes.Clear();
    }

    private Lazy<DockerContainerRuntime> Create(string engineEndpoint) =>
        new(() => new DockerContainerRuntime(
            new Uri(engineEndpoint),
            loggerFactory.CreateLogger<DockerContainerRuntime>(),
            registryCredentials,
            _tlsByEndpoint.GetValueOrDefault(engineEndpoint)));
}
