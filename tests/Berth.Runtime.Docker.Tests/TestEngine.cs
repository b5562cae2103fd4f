using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Runtime.Docker.Tests;

/// <summary>The shared engine and registry every integration test here runs against.</summary>
internal static class TestEngine
{
    public const string Endpoint = "unix:///var/run/docker.sock";
    public const string Registry = "127.0.0.1:5000";
    public const string HelloV1 = Registry + "/hello:v1";

    /// <summary>A label each test sets to its own value, so listings only see that test's containers.</summary>
    public const string RunLabel = "berth.test.run";

    public static DockerContainerRuntime CreateRuntime(IRegistryCredentialsProvider? credentials = null) =>
        new(new Uri(Endpoint), NullLogger.Instance, credentials);

    /// <summary>A raw client, for checking what the engine really holds.</summary>
    public static DockerClient CreateClient() => new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).Build();

    /// <summary>Unique across parallel test projects sharing the engine.</summary>
    public static string UniqueName() => $"berth-test-{Guid8()}";

    public static string Guid8() => Guid.NewGuid().ToString("N")[..8];
}
