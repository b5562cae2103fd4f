using Berth.Core.Hosts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Runtime.Docker.Tests;

/// <summary>The second test engine of scripts/start-engines.sh, reached over TCP with a client certificate.</summary>
public sealed class TlsEngineTests
{
    private const string Endpoint = "tcp://127.0.0.1:23762";
    private static readonly string TlsDirectory = Path.Combine(Environment.GetEnvironmentVariable("BERTH_RUN") ?? "/var/tmp/berth", "engines", "tls");
    private static readonly EngineTls Tls = new(
        Path.Combine(TlsDirectory, "ca.pem"), Path.Combine(TlsDirectory, "cert.pem"), Path.Combine(TlsDirectory, "key.pem"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCapacityAsync_ClientCertificateConfigured_ReadsTheEngine()
    {
        using var factory = new DockerRuntimeFactory(NullLoggerFactory.Instance);
        factory.Configure(Endpoint, Tls);

        var capacity = await factory.Get(Endpoint).GetCapacityAsync(Ct);

        Assert.True(capacity.Cpus > 0 && capacity.MemoryMb > 0);
    }

    [Fact]
    public async Task GetCapacityAsync_NoClientCertificate_FailsWithTheEngineNamed()
    {
        using var factory = new DockerRuntimeFactory(NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => factory.Get(Endpoint).GetCapacityAsync(Ct));

        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_MissingFiles_GetFailsNamingThem()
    {
        using var factory = new DockerRuntimeFactory(NullLoggerFactory.Instance);
        factory.Configure(Endpoint, Tls with { CertFile = "/nonexistent/cert.pem" });

        var error = Assert.Throws<ContainerRuntimeException>(() => factory.Get(Endpoint));

        Assert.Contains("/nonexistent/cert.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_NewFiles_ReplacesTheRuntimeHandedOut()
    {
        using var factory = new DockerRuntimeFactory(NullLoggerFactory.Instance);
        factory.Configure(Endpoint, Tls);
        var first = factory.Get(Endpoint);

        factory.Configure(Endpoint, Tls);
        Assert.Same(first, factory.Get(Endpoint));
        factory.Configure(Endpoint, Tls with { CaFile = Path.Combine(TlsDirectory, ".", "ca.pem") });

        Assert.NotSame(first, factory.Get(Endpoint));
    }
}
