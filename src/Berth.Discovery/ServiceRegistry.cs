using Berth.Core.Apps;
using Berth.Core.Discovery;

namespace Berth.Discovery;

/// <summary>Registers and lists app instances in discovery, in the layout of <see cref="ServiceKeys"/> and <see cref="AppKeys"/>.</summary>
public sealed class ServiceRegistry(IDiscoveryStore store)
{
    /// <summary>Publishes an instance at <c>{hostIp}:{port}</c>; returns the store revision of the write.</summary>
    public Task<long> RegisterAsync(string appId, string version, string containerId, string address, CancellationToken cancellationToken = default)
    {
        Validate(appId, version, containerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return store.PutAsync(ServiceKeys.Address(appId, version, containerId), address, cancellationToken);
    }

    /// <summary>Withdraws an instance; false when it was not registered.</summary>
    public Task<bool> DeregisterAsync(string appId, string version, string containerId, CancellationToken cancellationToken = default)
    {
        Validate(appId, version, containerId);
        return store.DeleteAsync(ServiceKeys.Address(appId, version, containerId), cancellationToken);
    }

    /// <summary>Every registered instance of the app, in key order.</summary>
    public async Task<IReadOnlyList<ServiceInstance>> ListAsync(string appId, CancellationToken cancellationToken = default)
    {
        ValidateAppId(appId);
        var snapshot = await store.GetPrefixAsync(ServiceKeys.AppPrefix(appId), cancellationToken).ConfigureAwait(false);
        var instances = new List<ServiceInstance>(snapshot.Entries.Count);
        foreach (var entry in snapshot.Entries)
        {
            if (ServiceKeys.TryParseAddress(entry.Key, out var app, out var version, out var containerId))
            {
                instances.Add(new ServiceInstance(app, version, containerId, entry.Value));
            }
        }

        return instances;
    }

    /// <summary>Withdraws every instance of the app; returns how many were removed.</summary>
    public async Task<int> DeregisterAppAsync(string appId, CancellationToken cancellationToken = default)
    {
        ValidateAppId(appId);
        var snapshot = await store.GetPrefixAsync(ServiceKeys.AppPrefix(appId), cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var entry in snapshot.Entries)
        {
            if (await store.DeleteAsync(entry.Key, cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Writes the app marker (<see cref="AppKeys.Marker"/>) so the gateway knows the app even with no instance.</summary>
    public Task<long> AddAppAsync(string appId, string tenant, CancellationToken cancellationToken = default)
    {
        ValidateAppId(appId);
        ArgumentNullException.ThrowIfNull(tenant);
        return store.PutAsync(AppKeys.Marker(appId), tenant, cancellationToken);
    }

    /// <summary>Deletes the app marker; false when there was none. Instances are left to <see cref="DeregisterAppAsync"/>.</summary>
    public Task<bool> RemoveAppAsync(string appId, CancellationToken cancellationToken = default)
    {
        ValidateAppId(appId);
        return store.DeleteAsync(AppKeys.Marker(appId), cancellationToken);
    }

    private static void Validate(string appId, string version, string containerId)
    {
        ValidateAppId(appId);
        if (!AppId.IsValidVersion(version))
        {
            throw new ArgumentException($"'{version}' is not a valid version.", nameof(version));
        }

        // A slash would move the key out of the {app}/{version}/{container} layout.
        if (string.IsNullOrEmpty(containerId) || containerId.Contains('/'))
        {
            throw new ArgumentException($"'{containerId}' is not a valid container id.", nameof(containerId));
        }
    }

    private static void ValidateAppId(string appId)
    {
        if (!AppId.IsValid(appId))
        {
            throw new ArgumentException($"'{appId}' is not a valid app id.", nameof(appId));
        }
    }
}
