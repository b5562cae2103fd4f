using Berth.Core.Discovery;
using Berth.Discovery.Embedded;
using Berth.Discovery.Etcd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Discovery.Selection;

/// <summary>
/// One open discovery backend, shared by every component of a process (the API and the gateway of
/// <c>berth up</c> see the same store): the store, its liveness records and its elections.
/// </summary>
public sealed class DiscoveryBackend : IDisposable
{
    private readonly IDisposable? owned;

    private DiscoveryBackend(string provider, IDiscoveryStore store, IDiscoveryLeases leases, ILeaderElection election, IDisposable? owned)
    {
        Provider = provider;
        Store = store;
        Leases = leases;
        Election = election;
        this.owned = owned;
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
                throw new NotSupportedException(
                    $"Discovery:Provider '{options.Provider}' is not wired into Berth yet; use '{DiscoveryProviders.Embedded}' or '{DiscoveryProviders.Etcd}'.");
        }
    }

    public void Dispose() => owned?.Dispose();
}
