using System.Collections.Concurrent;
using Berth.Core.Discovery;
using Berth.Discovery.Certificates;
using Microsoft.Extensions.Logging;

namespace Berth.Gateway.Tls;

/// <summary>
/// Asks the leader for a certificate at the first handshake for a name the gateway routes but the store has none for
/// (<c>/caas/acme/wanted/{name}</c>). The handshake does not wait: it gets the local authority's certificate now and
/// the issued one once the store has it, so a slow or failing ACME server never holds up connections. Rate-limited
/// here so made-up traffic cannot flood discovery: each name at most once per <see cref="NameInterval"/>, and at most
/// <see cref="PerMinute"/> requests a minute in all; the leader issues only for names it knows, with its own retry delay.
/// </summary>
internal sealed partial class CertificateRequests(IDiscoveryStore store, TimeProvider time, ILogger<CertificateRequests> logger)
{
    /// <summary>How long before the same name is asked for again.</summary>
    public static readonly TimeSpan NameInterval = TimeSpan.FromMinutes(5);

    /// <summary>The most requests one gateway writes a minute.</summary>
    public const int PerMinute = 20;

    private static readonly string Asker = $"gateway {Environment.MachineName} pid {Environment.ProcessId}";
    private readonly ConcurrentDictionary<string, DateTimeOffset> _asked = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _window = new();
    private DateTimeOffset _windowStart;
    private int _inWindow;

    /// <summary>Asks for <paramref name="name"/> unless it was asked for lately or the minute's budget is spent; never waits.</summary>
    public void Ask(string name)
    {
        var now = time.GetUtcNow();
        if (_asked.TryGetValue(name, out var last) && now - last < NameInterval)
        {
            return;
        }

        lock (_window)
        {
            if (now - _windowStart >= TimeSpan.FromMinutes(1))
            {
                _windowStart = now;
                _inWindow = 0;
            }

            if (_inWindow >= PerMinute)
            {
                return;
            }

            _inWindow++;
        }

        _asked[name] = now;
        _ = WriteAsync(name);
    }

    private async Task WriteAsync(string name)
    {
        try
        {
            await store.PutAsync(CertificateKeys.Wanted(name), Asker, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A store that refuses the gateway (ZooKeeper's reader ACL, an older etcd role) leaves issuance to the
            // leader's own interval.
            LogAskFailed(logger, name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the leader for a certificate for {Name}: {Reason}")]
    private static partial void LogAskFailed(ILogger logger, string name, string reason);
}
