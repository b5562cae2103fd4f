using System.Diagnostics;
using System.Net;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;
using ContainerSpec = Berth.Core.Runtime.ContainerSpec;
using Microsoft.Extensions.Logging;

namespace Berth.Runtime.Docker;

/// <summary>
/// <see cref="IContainerRuntime"/> over one Docker engine's API. Engine failures surface as
/// <see cref="ContainerRuntimeException"/> carrying the engine's reason.
/// </summary>
internal sealed partial class DockerContainerRuntime : IContainerRuntime, IDisposable
{
    private const long BytesPerMb = 1024 * 1024;

    private readonly DockerClient _client;
    private readonly Uri _endpoint;
    private readonly ILogger _logger;
    private readonly IRegistryCredentialsProvider? _registryCredentials;
    private readonly TenantNetworks _networks;

    /// <summary>Connects to the engine at <paramref name="endpoint"/> (e.g. <c>unix:///var/run/docker.sock</c>).</summary>
    /// <param name="registryCredentials">Asked for credentials before every pull; null pulls anonymously.</param>
    /// <param name="tls">For a <c>tcp://</c> engine that asks for a client certificate: the CA and Berth's certificate and key.</param>
    public DockerContainerRuntime(Uri endpoint, ILogger logger, IRegistryCredentialsProvider? registryCredentials = null, EngineTls? tls = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(logger);
        _endpoint = endpoint;
        _logger = logger;
        _registryCredentials = registryCredentials;
        // The builder negotiates the API version with the engine; a fixed newer version would be refused by older engines.
        var builder = new DockerClientBuilder().WithEndpoint(endpoint);
        if (tls is not null)
        {
            builder = builder.WithAuthProvider(EngineCertificates.Credentials(tls));
        }
        _client = builder.Build();
        _networks = new TenantNetworks(_client);
    }

    /// <inheritdoc />
    public async Task EnsureImageAsync(string image, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(image);
        if (await HasImageAsync(reference, cancellationToken))
        {
            return;
        }

        LogPulling(image, _endpoint);
        var started = Stopwatch.GetTimestamp();
        var auth = await AuthFor(reference, cancellationToken);
        var progress = new PullProgress();
        try
        {
            await _client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromImage = reference.Name, Tag = reference.Tag },
                auth,
                progress,
                cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ImageNotFoundException(image, EngineErrors.Reason(e));
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"pulling image {image}", e);
        }

        if (progress.Error is { } error)
        {
            throw EngineErrors.MeansImageNotFound(error)
                ? new ImageNotFoundException(image, error)
                : new ContainerRuntimeException($"pulling image {image} on {_endpoint} failed: {error}");
        }

        LogPulled(image, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc />
    /// <exception cref="ContainerNameInUseException">A container of that name exists already.</exception>
    public async Task<string> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            var parameters = CreateParameters.From(spec);
            var response = spec.Network is { } network
                ? await _networks.CreateContainerAsync(parameters, network, cancellationToken)
                : await _client.Containers.CreateContainerAsync(parameters, cancellationToken);
            LogCreated(spec.Name, response.ID);
            return response.ID;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            throw new ContainerNameInUseException(
                spec.Name, $"creating container {spec.Name} on {_endpoint} failed: the name is in use: {EngineErrors.Reason(e)}", e);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"creating container {spec.Name} from {spec.Image}", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="HostPortInUseException">Something else holds the container's host port.</exception>
    public async Task StartAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            // False means "already running", which is what the caller wants.
            await _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken);
            LogStarted(containerId);
        }
        catch (DockerApiException e) when (EngineErrors.MeansHostPortInUse(EngineErrors.Reason(e)))
        {
            // A host port taken by someone else only shows up here, as the engine fails to bind it.
            throw new HostPortInUseException($"starting container {containerId} on {_endpoint} failed, its host port is taken: {EngineErrors.Reason(e)}", e);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"starting container {containerId}", e);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var seconds = (uint)Math.Clamp(Math.Ceiling(grace.TotalSeconds), 0, uint.MaxValue);
        try
        {
            // False is the engine's 304: the container was not running.
            var stopped = await _client.Containers.StopContainerAsync(
                containerId, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, cancellationToken);
            if (stopped)
            {
                LogStopped(containerId);
            }
        }
        catch (DockerContainerNotFoundException)
        {
            LogMissing(containerId, "stop");
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"stopping container {containerId}", e);
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        var network = await _networks.NetworkOfAsync(containerId, cancellationToken);
        try
        {
            await _client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, cancellationToken);
            LogRemoved(containerId);
        }
        catch (DockerContainerNotFoundException)
        {
            LogMissing(containerId, "remove");
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && EngineErrors.Reason(e).Contains("already in progress", StringComparison.OrdinalIgnoreCase))
        {
            // Someone else is removing it right now; the outcome is the one asked for.
            LogMissing(containerId, "remove");
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"removing container {containerId}", e);
        }

        if (network is not null)
        {
            await _networks.RemoveIfUnusedAsync(network, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<ContainerInfo?> InspectAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.Containers.InspectContainerAsync(containerId, cancellationToken);
            return ContainerInfoMapper.From(response);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"inspecting container {containerId}", e);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ContainerInfo>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        IList<ContainerListResponse> listed;
        try
        {
            listed = await _client.Containers.ListContainersAsync(
                new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>>
                    {
                        ["label"] = labels.ToDictionary(pair => $"{pair.Key}={pair.Value}", _ => true),
                    },
                },
                cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap("listing containers", e);
        }

        // The list answer drops the port bindings of stopped containers, so each one is inspected to read
        // the same picture InspectAsync gives. One that vanished in between is simply left out.
        var containers = new List<ContainerInfo>(listed.Count);
        foreach (var entry in listed)
        {
            if (await InspectAsync(entry.ID, cancellationToken) is { } info)
            {
                containers.Add(info);
            }
        }

        return containers;
    }

    /// <inheritdoc />
    public async Task<HostCapacity> GetCapacityAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = await _client.System.GetSystemInfoAsync(cancellationToken);
            return new HostCapacity((int)info.NCPU, info.MemTotal / BytesPerMb);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap("reading the engine's capacity", e);
        }
    }

    /// <summary>Closes the connection to the engine.</summary>
    public void Dispose() => _client.Dispose();

    private async Task<bool> HasImageAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(reference.ToString(), cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            throw Wrap($"inspecting image {reference}", e);
        }
    }

    private async Task<AuthConfig?> AuthFor(ImageReference reference, CancellationToken cancellationToken)
    {
        if (_registryCredentials is null
            || await _registryCredentials.GetAsync(reference.Registry, reference.Repository, cancellationToken) is not { } credentials)
        {
            return null;
        }

        return new AuthConfig
        {
            Username = credentials.Username,
            Password = credentials.Password,
            RegistryToken = credentials.RegistryToken,
            ServerAddress = reference.Registry,
        };
    }

    private ContainerRuntimeException Wrap(string action, Exception exception) => exception switch
    {
        DockerApiException api => new ContainerRuntimeException($"{action} on {_endpoint} failed: {EngineErrors.Reason(api)}", exception),
        _ => new ContainerRuntimeException($"{action} failed: engine {_endpoint} is unreachable: {exception.Message}", exception),
    };
}
