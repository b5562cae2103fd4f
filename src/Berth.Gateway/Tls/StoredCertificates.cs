using System.Collections.Frozen;
using Berth.Core.Discovery;
using Berth.Discovery.Gateway;
using Berth.Discovery.Certificates;
using Berth.Discovery.Config;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Tls;

/// <summary>
/// The certificate store (<c>/caas/certificates/</c>) as this gateway serves it: listed, then watched, each entry
/// opened once (its key unsealed with the installation's secret key) into a ready <see cref="ServedCertificate"/>, the
/// whole set swapped in as one frozen table. Every gateway reads the same store, so one issuance serves them all. On
/// a failed watch the last table keeps serving and the store is listed again after the retry delay.
/// </summary>
internal sealed partial class StoredCertificates(IDiscoveryStore store, IOptions<GatewayOptions> options, TimeProvider time, ILogger<StoredCertificates> logger)
    : BackgroundService
{
    private readonly Dictionary<string, ServedCertificate> _entries = new(StringComparer.Ordinal);
    private readonly SecretProtector? _protector = options.Value.SecretKeyBytes() is { } key ? new SecretProtector(key) : null;
    private FrozenDictionary<string, ServedCertificate> _current = FrozenDictionary<string, ServedCertificate>.Empty;

    /// <summary>Whether this gateway serves the store at all (it has the secret key that opens it).</summary>
    public bool Serving => _protector is not null;

    /// <summary>How many certificates are being served from the store.</summary>
    public int Count => Volatile.Read(ref _current).Count;

    /// <summary>The stored certificate for <paramref name="name"/>: its own, else a wildcard of its parent domain; null when none.</summary>
    public ServedCertificate? Find(string name)
    {
        var current = Volatile.Read(ref _current);
        if (current.Count == 0)
        {
            return null;
        }

        var lower = name.ToLowerInvariant();
        if (current.TryGetValue(lower, out var served))
        {
            return served;
        }

        var dot = lower.IndexOf('.');
        return dot > 0 && current.TryGetValue("*" + lower[dot..], out var wildcard) ? wildcard : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.HttpsUrl))
        {
            return;
        }

        if (_protector is null)
        {
            LogNoSecretKey(logger);
            return;
        }

        while (true)
        {
            try
            {
                await SyncAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogWatchFailed(logger, e.Message, options.Value.WatchRetryDelay);
            }

            await Task.Delay(options.Value.WatchRetryDelay, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task SyncAsync(CancellationToken stoppingToken)
    {
        var snapshot = await store.GetPrefixAsync(CertificateKeys.Root, stoppingToken).ConfigureAwait(false);
        _entries.Clear();
        foreach (var entry in snapshot.Entries)
        {
            Apply(entry.Key, entry.Value);
        }

        Publish();
        await foreach (var change in store.WatchAsync(CertificateKeys.Root, snapshot.Revision, stoppingToken).ConfigureAwait(false))
        {
            Apply(change.Key, change.Type == DiscoveryEventType.Put ? change.Value : null);
            Publish();
        }

        throw new InvalidOperationException($"The discovery watch on {CertificateKeys.Root} ended.");
    }

    private void Apply(string key, string? value)
    {
        if (!GatewayKeys.TryParse(key, CertificateKeys.Root, out var name))
        {
            return;
        }

        if (value is null)
        {
            _entries.Remove(name);
            return;
        }

        try
        {
            var entry = CertificateStore.ReadEntry(value) ?? throw new FormatException("not a stored certificate");
            var (certificate, chain) = CertificateStore.Open(entry, _protector!);
            _entries[name] = new ServedCertificate(certificate, TlsSettings.For(certificate, chain), entry.RenewAt);
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            // An entry this gateway cannot open (another installation's key, a damaged value) is skipped; whatever it
            // served before under that name keeps serving rather than falling back mid-flight.
            LogUnreadable(logger, key, e.Message);
        }
    }

    private void Publish() => Volatile.Write(ref _current, _entries.ToFrozenDictionary(StringComparer.Ordinal));

    [LoggerMessage(Level = LogLevel.Information, Message = "No secret key (Gateway:SecretKey or Berth:SecretKey): certificates come from the local authority only, not from the certificate store")]
    private static partial void LogNoSecretKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the certificate store failed ({Reason}); serving the certificates it had and listing again in {RetryDelay}")]
    private static partial void LogWatchFailed(ILogger logger, string reason, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping certificate store entry {Key}: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string key, string reason);
}
