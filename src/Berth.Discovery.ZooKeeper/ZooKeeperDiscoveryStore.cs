using System.Collections.Concurrent;
using Berth.Core.Discovery;
using Berth.ZooKeeper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// Discovery on ZooKeeper. Keys are znode paths (<c>/caas/service/address/{app}/{version}/{container}</c> is that node,
/// its data the value); parents are created as needed and stay when empty. Revisions are zxids: a put returns the
/// node's <c>mzxid</c>, a listing the zxid a sync reached before reading. Watches use one persistent recursive watch
/// per call (see <see cref="PrefixWatcher"/> for what ZooKeeper can and cannot tell about past changes). Ephemeral
/// keys and election candidates each get a session of their own whose timeout is the TTL asked for. With a digest
/// user in the options every node carries digest ACLs: Berth's user may do everything, the optional reader (the
/// gateway) may read what a gateway routes by (see <see cref="DiscoveryAcls"/>), anyone else is refused with
/// <see cref="DiscoveryAccessDeniedException"/>.
/// </summary>
public sealed class ZooKeeperDiscoveryStore : IDiscoveryStore, IDiscoveryLeases, ILeaderElection, IAsyncDisposable
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly ZooKeeperDiscoveryOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DiscoveryAcls _acls;
    private readonly ZooKeeperSession _session;
    private readonly DiscoveryViews _views = new();
    private readonly ConcurrentDictionary<IAsyncDisposable, byte> _handles = new();

    /// <summary>Creates the store; it connects on first use. Throws <see cref="ArgumentException"/> for invalid options.</summary>
    public ZooKeeperDiscoveryStore(ZooKeeperDiscoveryOptions options, ILogger<ZooKeeperDiscoveryStore>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _acls = new DiscoveryAcls(options);
        _session = new ZooKeeperSession(options, options.SessionTimeout, _logger, _time);
    }

    /// <inheritdoc />
    public Task<long> PutAsync(string key, string value, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        var data = ZNodes.Encode(value);
        return RetryAsync($"write {key}", async client =>
        {
            while (true)
            {
                try
                {
                    return (await ZNodes.CreateAsync(client, key, data, _acls, CreateMode.Persistent, cancellationToken).ConfigureAwait(false)).Stat.Mzxid;
                }
                catch (NodeExistsException)
                {
                    // An existing key (or a parent of other keys): overwrite below.
                }

                try
                {
                    return (await client.SetDataAsync(key, data, cancellationToken: cancellationToken).ConfigureAwait(false)).Mzxid;
                }
                catch (NoNodeException)
                {
                    // Deleted in between: create it again.
                }
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        return RetryAsync($"delete {key}", async client =>
        {
            while (true)
            {
                var node = await ZNodes.ReadAsync(client, key, cancellationToken).ConfigureAwait(false);
                if (node?.Data is null)
                {
                    return false;
                }

                try
                {
                    await client.DeleteAsync(key, node.Stat.Version, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (NotEmptyException)
                {
                    // Keys live below it: it stays as their parent but stops being a key.
                    if (await TryClearAsync(client, key, node.Stat.Version, cancellationToken).ConfigureAwait(false) is { } cleared)
                    {
                        return cleared;
                    }
                }
                catch (BadVersionException)
                {
                    // Written meanwhile: look again.
                }
                catch (NoNodeException)
                {
                    return false;
                }
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The revision is the zxid a sync reached before the nodes were read: every entry is at least that recent, and
    /// watching from it (with this store) misses nothing.
    /// </remarks>
    public Task<DiscoverySnapshot> GetPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var parsed = DiscoveryPrefix.Parse(prefix);
        return RetryAsync($"list {prefix}", async client =>
        {
            var revision = await client.SyncAsync("/", cancellationToken).ConfigureAwait(false);
            var listing = await PrefixListing.ReadAsync(client, parsed, cancellationToken).ConfigureAwait(false);
            var entries = listing.Keys.Values.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
            _views.Add(parsed.Value, revision, entries.ToDictionary(entry => entry.Key, entry => entry.Revision, StringComparer.Ordinal));
            return new DiscoverySnapshot(entries, revision);
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Resuming from a revision this store handed out (a listing's, or the last event of an ended watch) is exact:
    /// the store remembers which keys the caller held then, so it reports deletes since. From any other revision,
    /// changed and new keys are reported, and the watch fails with <see cref="DiscoveryHistoryCompactedException"/>
    /// when a delete may have been missed (list again). A value changed several times while not watched is reported
    /// once, at its latest revision: ZooKeeper keeps no history. A watch whose session no member takes back within
    /// <see cref="ZooKeeperDiscoveryOptions.WatchDisconnectedLimit"/> fails with <see cref="ConnectionLossException"/>.
    /// </remarks>
    public IAsyncEnumerable<DiscoveryEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        var parsed = DiscoveryPrefix.Parse(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        var view = afterRevision == 0 ? new Dictionary<string, long>(StringComparer.Ordinal) : _views.Find(parsed.Value, afterRevision);
        return new PrefixWatcher(_session, parsed, afterRevision, view, _views, _options.User, _options.WatchDisconnectedLimit, _logger, _time).RunAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The key lives on a session of its own whose timeout is <paramref name="ttl"/> (bounded by the server's minimum and maximum).</remarks>
    public async Task<IAsyncDisposable> PutEphemeralAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        DiscoveryArguments.CheckEphemeral(key, value, ttl);
        ValidateKey(key);
        try
        {
            var lease = await ZooKeeperLease.StartAsync(_options, _acls, key, value, ttl, _logger, _time, Release, cancellationToken).ConfigureAwait(false);
            _handles.TryAdd(lease, 0);
            return lease;
        }
        catch (NoAuthException ex)
        {
            throw ZooKeeperErrors.Denied(ex, $"create ephemeral key {key}", _options.User);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Candidates are ephemeral sequential nodes under <c>/caas/election/{election}/</c>, each on a session of its own
    /// whose timeout is <paramref name="ttl"/>; the lowest leads and each other candidate watches the one before it.
    /// </remarks>
    public async Task<ILeadership> CampaignAsync(string election, string candidate, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var electionPath = DiscoveryArguments.ElectionKey(election, candidate, ttl);
        if (election.Contains('/'))
        {
            throw new ArgumentException($"'{election}' is not an election name: it cannot contain '/'.", nameof(election));
        }

        while (true)
        {
            // Tracked while campaigning, so disposing the store withdraws the candidate too.
            var session = new ZooKeeperSession(_options, ttl, _logger, _time);
            _handles.TryAdd(session, 0);
            try
            {
                var campaign = new ElectionCampaign(session, _acls, election, electionPath, candidate, ttl, _logger, _time, Release);
                if (await campaign.RunAsync(cancellationToken).ConfigureAwait(false) is { } candidacy)
                {
                    _handles.TryAdd(candidacy, 0);
                    return new LeaseLeadership(candidate, candidacy.Lost, candidacy);
                }
            }
            catch (NoAuthException ex)
            {
                await session.DisposeAsync().ConfigureAwait(false);
                throw ZooKeeperErrors.Denied(ex, $"campaign in {electionPath}", _options.User);
            }
            catch
            {
                // Closing the session withdraws the candidate.
                await session.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                Release(session);
            }

            // The session expired before the lead came: campaign again on a new one.
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the store's sessions, including the ephemeral keys and leaderships it handed out.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var handle in _handles.Keys)
        {
            await handle.DisposeAsync().ConfigureAwait(false);
        }

        await _session.DisposeAsync().ConfigureAwait(false);
    }

    private void Release(IAsyncDisposable handle) => _handles.TryRemove(handle, out _);

    /// <summary>
    /// Runs an operation (<paramref name="action"/>, for messages) on the current session, again on a lost connection
    /// (it waits for the reconnect) or an expired session (a new one).
    /// </summary>
    private async Task<T> RetryAsync<T>(string action, Func<ZooKeeperClient, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var client = await _session.GetAsync(cancellationToken).ConfigureAwait(false);
                return await operation(client).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ConnectionLossException or SessionExpiredException && attempt < MaxAttempts)
            {
                DiscoveryLog.Retrying(_logger, ex, attempt);
                await Task.Delay(RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (NoAuthException ex)
            {
                throw ZooKeeperErrors.Denied(ex, action, _options.User);
            }
        }
    }

    /// <summary>Sets a key's data to null (no longer a key); null when it changed meanwhile (look again).</summary>
    private static async Task<bool?> TryClearAsync(ZooKeeperClient client, string key, int version, CancellationToken cancellationToken)
    {
        try
        {
            await client.SetDataAsync(key, null, version, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BadVersionException)
        {
            return null;
        }
        catch (NoNodeException)
        {
            return false;
        }
    }

    private static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key == "/")
        {
            throw new ArgumentException("The root node cannot be a key.", nameof(key));
        }
    }
}
