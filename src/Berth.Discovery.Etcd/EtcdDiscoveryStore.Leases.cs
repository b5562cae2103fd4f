using Berth.Core.Discovery;
using Etcdserverpb;

namespace Berth.Discovery.Etcd;

/// <summary>Ephemeral keys and leader election on etcd leases.</summary>
public sealed partial class EtcdDiscoveryStore : IDiscoveryLeases, ILeaderElection
{
    /// <inheritdoc />
    /// <remarks>The TTL is rounded up to whole seconds (etcd raises very short ones to its minimum, about 2 s).</remarks>
    public async Task<IAsyncDisposable> PutEphemeralAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        DiscoveryArguments.CheckEphemeral(key, value, ttl);
        var lease = await GrantAsync(ttl, cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.CallAsync(
                $"write {key}",
                options => _connection.Kv.PutAsync(
                    new PutRequest { Key = EtcdKeys.Bytes(key), Value = EtcdKeys.Bytes(value), Lease = lease.Id }, options),
                cancellationToken).ConfigureAwait(false);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The leader is whoever created <c>/caas/election/{name}</c> (bound to its lease) while it was absent; the others
    /// wait for that key to be deleted (resignation, or the leader's lease running out) and try again.
    /// </remarks>
    public async Task<ILeadership> CampaignAsync(string election, string candidate, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var key = DiscoveryArguments.ElectionKey(election, candidate, ttl);
        while (true)
        {
            var lease = await GrantAsync(ttl, cancellationToken).ConfigureAwait(false);
            TxnResponse response;
            try
            {
                response = await _connection.CallAsync(
                    $"campaign in {key}",
                    options => _connection.Kv.TxnAsync(CreateIfAbsent(key, candidate, lease.Id), options),
                    cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await lease.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            if (response.Succeeded)
            {
                LogElected(candidate, key);
                return new LeaseLeadership(candidate, lease.Lost, lease);
            }

            await lease.DisposeAsync().ConfigureAwait(false);
            await this.WaitForDeleteAsync(key, response.Header.Revision, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<EtcdLease> GrantAsync(TimeSpan ttl, CancellationToken cancellationToken) =>
        EtcdLease.GrantAsync(_connection, ttl, _timeProvider, _logger, _stopping.Token, cancellationToken);

    private static TxnRequest CreateIfAbsent(string key, string value, long leaseId) => new()
    {
        Compare =
        {
            new Compare
            {
                Key = EtcdKeys.Bytes(key),
                Target = Compare.Types.CompareTarget.Create,
                Result = Compare.Types.CompareResult.Equal,
                CreateRevision = 0,
            },
        },
        Success = { new RequestOp { RequestPut = new PutRequest { Key = EtcdKeys.Bytes(key), Value = EtcdKeys.Bytes(value), Lease = leaseId } } },
    };
}
