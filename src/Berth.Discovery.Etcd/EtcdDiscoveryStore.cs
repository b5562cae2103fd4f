using Berth.Core.Discovery;
using Berth.Discovery.Selection;
using Etcdserverpb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Discovery.Etcd;

/// <summary>
/// Discovery on etcd v3. Keys are the discovery paths as they are; revisions are etcd's (the mod revision of a write,
/// the header revision of a range read), so a watcher resumes exactly where a listing or an earlier watch left off.
/// Refusals (wrong credentials, a role that does not allow the operation) throw <see cref="DiscoveryAccessDeniedException"/>.
/// </summary>
public sealed partial class EtcdDiscoveryStore : IDiscoveryStore, IDisposable
{
    private readonly EtcdConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>
    /// Connects (lazily, on the first call) to the etcd members in <see cref="DiscoveryOptions.Endpoints"/>, with the
    /// user, CA and client certificate of <paramref name="options"/> when given.
    /// </summary>
    public EtcdDiscoveryStore(DiscoveryOptions options, TimeProvider? timeProvider = null, ILogger<EtcdDiscoveryStore>? logger = null)
    {
        _connection = new EtcdConnection(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<EtcdDiscoveryStore>.Instance;
    }

    /// <inheritdoc />
    public async Task<long> PutAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var response = await _connection.CallAsync(
            $"write {key}",
            options => _connection.Kv.PutAsync(new PutRequest { Key = EtcdKeys.Bytes(key), Value = EtcdKeys.Bytes(value) }, options),
            cancellationToken).ConfigureAwait(false);
        return response.Header.Revision;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var response = await _connection.CallAsync(
            $"delete {key}",
            options => _connection.Kv.DeleteRangeAsync(new DeleteRangeRequest { Key = EtcdKeys.Bytes(key) }, options),
            cancellationToken).ConfigureAwait(false);
        return response.Deleted > 0;
    }

    /// <inheritdoc />
    public async Task<DiscoverySnapshot> GetPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var response = await _connection.CallAsync(
            $"read {prefix}",
            options => _connection.Kv.RangeAsync(
                new RangeRequest { Key = EtcdKeys.RangeStart(prefix), RangeEnd = EtcdKeys.RangeEnd(prefix) }, options),
            cancellationToken).ConfigureAwait(false);
        var entries = response.Kvs
            .Select(kv => new DiscoveryEntry(kv.Key.ToStringUtf8(), kv.Value.ToStringUtf8(), kv.ModRevision))
            .ToList();
        return new DiscoverySnapshot(entries, response.Header.Revision);
    }

    /// <inheritdoc />
    /// <exception cref="DiscoveryHistoryCompactedException">etcd compacted the revisions after <paramref name="afterRevision"/>.</exception>
    /// <exception cref="DiscoveryAccessDeniedException">The user may not read <paramref name="prefix"/>.</exception>
    public IAsyncEnumerable<DiscoveryEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        return new EtcdWatch(_connection, prefix, afterRevision, _timeProvider, _logger).ReadAllAsync(cancellationToken);
    }

    /// <summary>Test hook: makes the next call carry an auth token etcd does not know (an expired one).</summary>
    internal void ReplaceAuthToken(string token) => _connection.ReplaceToken(token);

    /// <summary>Test hook: compacts etcd's history up to <paramref name="revision"/> (for the whole cluster).</summary>
    internal Task CompactAsync(long revision, CancellationToken cancellationToken) =>
        _connection.CallAsync(
            $"compact to revision {revision}",
            options => _connection.Kv.CompactAsync(new CompactionRequest { Revision = revision, Physical = true }, options),
            cancellationToken);

    /// <summary>
    /// Closes the connection and stops keeping leases alive, without revoking them: like a process that dies, its
    /// ephemeral keys and leaderships end when their TTL runs out. Dispose the handles first for a clean hand-over.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _connection.Dispose();
        }
    }
}
