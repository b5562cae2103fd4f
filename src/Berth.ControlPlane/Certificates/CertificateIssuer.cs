using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using Berth.Acme;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Discovery;
using Berth.Core.Events;
using Berth.Core.State;
using Berth.Discovery.Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Certificates;

/// <summary>
/// On the leader: every verified custom domain (and with <see cref="AcmeOptions.AppHosts"/> every app's
/// <c>{app}.{BaseDomain}</c> not covered by an uploaded wildcard) gets a certificate from the ACME server (HTTP-01, answered by the
/// gateways from discovery) into the certificate store, and keeps it renewed at two thirds of its lifetime. Looks every
/// <see cref="AcmeOptions.CheckInterval"/> and at once when woken (a domain was verified). A failure is an app event with
/// the ACME problem document; the previous certificate keeps serving and the name is tried again after
/// <see cref="AcmeOptions.RetryDelay"/>. Certificates the tenant uploaded are left alone while they are valid.
/// </summary>
internal sealed partial class CertificateIssuer(
    IGatewaySettingsStore settings,
    IStateStore store,
    IDiscoveryStore discovery,
    CertificateStore certificates,
    AcmeAccount account,
    AcmeHttp acmeHttp,
    GatewayChallengeResponder responder,
    AppEventRecorder events,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<CertificateIssuer> logger) : ILeaderWork
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, DateTimeOffset> _retryAfter = new(StringComparer.Ordinal);

    private AcmeOptions Acme => options.Value.Acme;

    public string Name => "certificates";

    /// <summary>Looks for work now rather than at the next interval (only where this process leads).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var accountKey = await account.LoadOrCreateAsync(cancellationToken);
        var client = new AcmeClient(acmeHttp.Client, new Uri(Acme.Directory!), accountKey, time);
        var registered = false;
        _ = WatchRequestsAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!registered)
                {
                    await client.RegisterAsync(Acme.Email, cancellationToken);
                    registered = true;
                }

                await CheckAllAsync(client, cancellationToken);
                await ClearRequestsAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogCheckFailed(logger, e, Acme.Directory!);
            }

            await WaitAsync(cancellationToken);
        }
    }

    private async Task CheckAllAsync(AcmeClient client, CancellationToken cancellationToken)
    {
        foreach (var (appId, name) in await NamesAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            if (_retryAfter.TryGetValue(name, out var retryAt) && now < retryAt)
            {
                continue;
            }

            var stored = await certificates.GetAsync(name, cancellationToken);
            var due = stored switch
            {
                null => true,
                { Source: CertificateSources.Upload } => now >= stored.NotAfter,
                _ => now >= stored.RenewAt,
            };
            if (due)
            {
                await IssueAsync(client, appId, name, stored, cancellationToken);
            }
        }
    }

    /// <summary>Every name to hold a certificate, with the app it serves: custom domains, then app host names when enabled.</summary>
    private async Task<List<(string AppId, string Name)>> NamesAsync(CancellationToken cancellationToken)
    {
        var names = (await settings.ListDomainsAsync(null, cancellationToken)).Select(d => (d.AppId, d.Domain)).ToList();
        if (!Acme.AppHosts)
        {
            return names;
        }

        var baseDomain = options.Value.BaseDomain.ToLowerInvariant();
        var wildcard = await certificates.GetAsync("*." + baseDomain, cancellationToken);
        if (wildcard is not null && time.GetUtcNow() < wildcard.NotAfter)
        {
            return names;
        }

        names.AddRange((await store.ListAppsAsync(null, cancellationToken)).Select(app => (app.Id, $"{app.Id}.{baseDomain}")));
        return names;
    }

    private async Task IssueAsync(AcmeClient client, string appId, string name, StoredCertificate? previous, CancellationToken cancellationToken)
    {
        var renewal = previous is { Source: CertificateSources.Acme };
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pem = await client.IssueAsync([name], key, responder, cancellationToken);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(pem);
            using var leaf = chain[0].CopyWithPrivateKey(key);
            var rest = new X509Certificate2Collection();
            rest.AddRange(chain.Skip(1).ToArray());
            var entry = await certificates.PutAsync(name, leaf, rest, CertificateSources.Acme, cancellationToken);
            _retryAfter.TryRemove(name, out _);
            await events.RecordAsync(
                appId,
                renewal ? AppEventType.CertificateRenewed : AppEventType.CertificateIssued,
                $"certificate for {name} {(renewal ? "renewed" : "issued")} by {entry.Issuer}, valid until {entry.NotAfter:yyyy-MM-ddTHH:mm:ssZ}");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _retryAfter[name] = time.GetUtcNow() + Acme.RetryDelay;
            var problem = (e as AcmeException)?.Problem is { } document ? $"; problem document: {JsonSerializer.Serialize(document, ProblemJson)}" : "";
            var keeps = previous is null ? "" : $"; the previous certificate (valid until {previous.NotAfter:yyyy-MM-ddTHH:mm:ssZ}) keeps serving";
            await events.RecordAsync(
                appId,
                AppEventType.CertificateFailed,
                $"certificate for {name} could not be {(renewal ? "renewed" : "issued")}: {e.Message}{problem}{keeps}; trying again after {Acme.RetryDelay}");
        }
    }

    /// <summary>
    /// Gateways' on-demand requests (<see cref="CertificateKeys.WantedRoot"/>) wake the check at once. The request names
    /// nothing the check would not issue anyway: only names it knows get certificates, each at most once per retry delay.
    /// </summary>
    private async Task WatchRequestsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var asked = await discovery.GetPrefixAsync(CertificateKeys.WantedRoot, cancellationToken);
                if (asked.Entries.Count > 0)
                {
                    Wake();
                }

                await foreach (var change in discovery.WatchAsync(CertificateKeys.WantedRoot, asked.Revision, cancellationToken))
                {
                    if (change.Type == DiscoveryEventType.Put)
                    {
                        LogRequested(logger, change.Key[CertificateKeys.WantedRoot.Length..], change.Value ?? "");
                        Wake();
                    }
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogWatchFailed(logger, e.Message);
                await Task.Delay(Acme.CheckInterval, time, cancellationToken);
            }
        }
    }

    /// <summary>Drops the requests a check has just served.</summary>
    private async Task ClearRequestsAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in (await discovery.GetPrefixAsync(CertificateKeys.WantedRoot, cancellationToken)).Entries)
        {
            await discovery.DeleteAsync(entry.Key, cancellationToken);
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var interval = new CancellationTokenSource(Acme.CheckInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(interval.Token, cancellationToken);
        try
        {
            await _wake.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval passed without a wake-up: look again.
        }
    }

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "A certificate for {Name} was asked for by {Asker}")]
    private static partial void LogRequested(ILogger logger, string name, string asker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching gateways' certificate requests failed ({Reason}); listing them again after the check interval")]
    private static partial void LogWatchFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate check against {Directory} failed; trying again at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string directory);
}
