using Berth.Core.Discovery;

namespace Berth.Discovery.Embedded;

/// <summary>Ephemeral keys and leader election on the embedded store.</summary>
public sealed partial class EmbeddedDiscoveryStore : IDiscoveryLeases, ILeaderElection
{
    private readonly HashSet<EmbeddedLease> _leases = [];
    private readonly Dictionary<string, EmbeddedLease> _keyLeases = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IAsyncDisposable> PutEphemeralAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        DiscoveryArguments.CheckEphemeral(key, value, ttl);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var lease = GrantLocked(ttl);
            PutLocked(key, value, lease);
            return Task.FromResult<IAsyncDisposable>(lease);
        }
    }

    /// <inheritdoc />
    public async Task<ILeadership> CampaignAsync(string election, string candidate, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var key = DiscoveryArguments.ElectionKey(election, candidate, ttl);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long revision;
            lock (_lock)
            {
                if (!_entries.ContainsKey(key))
                {
                    var lease = GrantLocked(ttl);
                    PutLocked(key, candidate, lease);
                    return new LeaseLeadership(candidate, lease.Lost, lease);
                }

                revision = _revision;
            }

            await this.WaitForDeleteAsync(key, revision, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Test hook: stops the keep-alive of every lease held now, as if their owner had died. The leases then expire
    /// after their TTL, deleting their keys and ending leaderships.
    /// </summary>
    internal void AbandonKeepAlives()
    {
        lock (_lock)
        {
            foreach (var lease in _leases)
            {
                lease.Abandon();
            }
        }
    }

    /// <summary>Ends the lease (expired or revoked) and deletes the keys still bound to it.</summary>
    internal void EndLease(EmbeddedLease lease)
    {
        // Lost fires before the keys go, so a successor that sees the delete never overlaps with the old leader.
        if (!lease.TryEnd())
        {
            return;
        }

        lock (_lock)
        {
            _leases.Remove(lease);
            foreach (var key in lease.Keys.ToList())
            {
                DeleteLocked(key);
            }
        }
    }

    private EmbeddedLease GrantLocked(TimeSpan ttl)
    {
        var lease = new EmbeddedLease(this, ttl, _timeProvider);
        _leases.Add(lease);
        return lease;
    }

    /// <summary>Binds the key to the lease (or to none, for plain writes and deletes), as etcd does.</summary>
    private void Bind(string key, EmbeddedLease? lease)
    {
        if (_keyLeases.Remove(key, out var previous))
        {
            previous.Keys.Remove(key);
        }

        if (lease is not null)
        {
            _keyLeases[key] = lease;
            lease.Keys.Add(key);
        }
    }
}
