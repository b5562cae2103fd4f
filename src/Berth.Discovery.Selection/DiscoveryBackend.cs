using Berth.Core.Discovery;
using Berth.Discovery.Embedded;
using Berth.Discovery.Etcd;
using Berth.Discovery.ZooKeeper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Discovery.Selection;

/// <summary>
/// One open discovery backend, shared by every component of a process (the API and the gateway of
/// <c>berth up</c> see the same store): the store, its liveness records and its elections.
/// </summary>
public sealed class DiscoveryBackend : IAsyncDisposable
{
    private readonly object _owned;

    private DiscoveryBackend(string provider, IDiscoveryStore store, IDiscoveryLeases leases, ILeaderElection election, object owned)
    {
        Provider = provider;
        Store = store;
        Leases = leases;
        Election = election;
        _owned = owned;
    }

    public string Provider { get; }

    public IDiscoveryStore Store { get; }

    public IDiscoveryLeases Leases { get; }

    public ILeaderElection Election { get; }

    /// <summary>True for a store that only this process can see: other processes cannot share it.</summary>
    public bool IsLocal => Provider == DiscoveryProviders.Embedded;

    /// <summary>
    /// Opens the backend the options name. The embedded store is journaled to <paramref name="journalPath"/>
    /// so it survives restarts; the distributed ones keep their own data.
    /// </summary>
    public static async Task<DiscoveryBackend> OpenAsync(DiscoveryOptions options, string journalPath, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var validation = new DiscoveryOptionsValidator().Validate(DiscoveryOptions.SectionName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(DiscoveryOptions.SectionName, typeof(DiscoveryOptions), validation.Failures);
        }

        var provider = options.Provider.Trim().ToLowerInvariant();
        switch (provider)
        {
            case DiscoveryProviders.Embedded:
                var embedded = new EmbeddedDiscoveryStore();
                var journal = await DiscoveryJournal.OpenAsync(journalPath, embedded, cancellationToken);
                return new DiscoveryBackend(provider, journal, embedded, embedded, journal);
            case DiscoveryProviders.Etcd:
                var etcd = new EtcdDiscoveryStore(options, TimeProvider.System, loggers.CreateLogger<EtcdDiscoveryStore>());
                return new DiscoveryBackend(provider, etcd, etcd, etcd, etcd);
            default:
                var zooKeeper = new ZooKeeperDiscoveryStore(
                    new ZooKeeperDiscoveryOptions
                    {
                        ConnectString = string.Join(",", options.Endpoints),
                        SessionTimeout = TimeSpan.FromSeconds(options.SessionTimeoutSeconds),
                        User = options.Username,
                        Password = options.Password,
                        ReaderId = options.ReaderId,
                    },
                    loggers.CreateLogger<ZooKeeperDiscoveryStore>(),
                    TimeProvider.System);
                return new DiscoveryBackend(provider, zooKeeper, zooKeeper, zooKeeper, zooKeeper);
        }
    }

    public async ValueTask DisposeAsync()
    {
        switch (_owned)
        {
            case IAsyncDisposable asynchronous:
                await asynchronous.DisposeAsync();
                break;
            case IDisposable synchronous:
                synchronous.Dispose();
                break;
        }
    }
}
