using System.Collections.Concurrent;
using System.Net;
using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

/// <summary>
/// Berth's per-tenant bridge networks on one engine: made when a container first needs one, removed when the
/// last container using one is gone (an engine offers only a few dozen address pools, so they must not pile up).
/// Making and removing take a per-network lock, so this process never removes a network it is about to use;
/// another process doing so is covered by <see cref="DockerContainerRuntime"/> retrying the create.
/// </summary>
internal sealed class TenantNetworks(DockerClient client)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="action"/> while no other caller of this instance makes or removes <paramref name="network"/>.</summary>
    private async Task<T> WithLockAsync<T>(string network, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(network, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Creates the container on <paramref name="network"/>, making the network first when needed, and again when
    /// another process removed it in between.
    /// </summary>
    public Task<CreateContainerResponse> CreateContainerAsync(CreateContainerParameters parameters, string network, CancellationToken cancellationToken) =>
        WithLockAsync(network, async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                await EnsureAsync(network, cancellationToken);
                try
                {
                    return await client.Containers.CreateContainerAsync(parameters, cancellationToken);
                }
                catch (DockerApiException e) when (attempt < 3 && (IsMissingNetwork(e) || IsAmbiguousNetwork(e)))
                {
                    // Removed by someone else since EnsureAsync saw it, or made twice: make it again, or keep one.
                }
            }
        }, cancellationToken);

    /// <summary>
    /// Makes the bridge network unless the engine has it. Engines before 25 let two processes racing here make two
    /// networks of one name, after which every create naming it fails as ambiguous: every process keeps the oldest
    /// (the same one, whoever looks) and removes the others, which hold no container yet since creates failed on them.
    /// </summary>
    private async Task EnsureAsync(string network, CancellationToken cancellationToken)
    {
        var named = await NamedAsync(network, cancellationToken);
        if (named.Count == 0)
        {
            await client.Networks.CreateNetworkAsync(
                new NetworksCreateParameters
                {
                    Name = network,
                    Driver = "bridge",
                    Labels = new Dictionary<string, string> { [BerthLabels.Managed] = "true" },
                },
                cancellationToken);
            named = await NamedAsync(network, cancellationToken);
        }

        foreach (var extra in named.Skip(1))
        {
            try
            {
                await client.Networks.DeleteNetworkAsync(extra.ID, cancellationToken);
            }
            catch (DockerApiException)
            {
                // Removed by the other process already, or in use: the ambiguity, if any, is retried by the create.
            }
        }
    }

    /// <summary>The engine's networks of exactly this name (its filter matches parts of names), oldest first.</summary>
    private async Task<List<NetworkResponse>> NamedAsync(string network, CancellationToken cancellationToken)
    {
        var found = await client.Networks.ListNetworksAsync(
            new NetworksListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [network] = true } },
            },
            cancellationToken);
        return [.. found.Where(n => n.Name == network).OrderBy(n => n.Created).ThenBy(n => n.ID, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Removes a Berth network no container (running or not) uses any more; anything else is left alone. Best
    /// effort: the container it served is gone either way, so an engine error here is not the caller's failure.
    /// </summary>
    public Task<bool> RemoveIfUnusedAsync(string network, CancellationToken cancellationToken) =>
        WithLockAsync(network, async () =>
        {
            try
            {
                var users = await client.Containers.ListContainersAsync(
                    new ContainersListParameters
                    {
                        All = true,
                        Filters = new Dictionary<string, IDictionary<string, bool>> { ["network"] = new Dictionary<string, bool> { [network] = true } },
                    },
                    cancellationToken);
                if (users.Count > 0)
                {
                    return false;
                }

                await client.Networks.DeleteNetworkAsync(network, cancellationToken);
                return true;
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException)
            {
                // Gone already, in use again by another process, or the engine is away: not ours to remove now.
                return false;
            }
        }, cancellationToken);

    /// <summary>The Berth network the container is on, or null (not on one, or gone).</summary>
    public async Task<string?> NetworkOfAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var network = (await client.Containers.InspectContainerAsync(containerId, cancellationToken)).HostConfig?.NetworkMode;
            return BerthNetworks.IsBerths(network) ? network : null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            // Missing or unreadable: the removal itself will say what matters.
            return null;
        }
    }

    /// <summary>True when the engine refused a create because two networks have the container's network's name.</summary>
    private static bool IsAmbiguousNetwork(DockerApiException exception) =>
        EngineErrors.Reason(exception).Contains("ambiguous", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the engine refused a create because the container's network does not exist.</summary>
    private static bool IsMissingNetwork(DockerApiException exception) =>
        exception.StatusCode == HttpStatusCode.NotFound && EngineErrors.Reason(exception).Contains("network", StringComparison.OrdinalIgnoreCase);
}
