using System.Runtime.CompilerServices;
using Berth.Core.Discovery;

namespace Berth.Gateway.Tests.Support;

/// <summary>Wraps a store with an outage switch: while broken, reads fail and open watches throw.</summary>
internal sealed class FlakyDiscoveryStore(IDiscoveryStore inner) : IDiscoveryStore
{
    private readonly Lock _lock = new();
    private CancellationTokenSource _outage = new();
    private bool _broken;

    public int Listings { get; private set; }

    public void Break()
    {
        lock (_lock)
        {
            _broken = true;
            _outage.Cancel();
        }
    }

    public void Heal()
    {
        lock (_lock)
        {
            _broken = false;
            _outage = new CancellationTokenSource();
        }
    }

    public Task<long> PutAsync(string key, string value, CancellationToken cancellationToken) => inner.PutAsync(key, value, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<DiscoverySnapshot> GetPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ThrowIfBroken();
            Listings++;
        }

        return inner.GetPrefixAsync(prefix, cancellationToken);
    }

    public async IAsyncEnumerable<DiscoveryEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CancellationToken outage;
        lock (_lock)
        {
            ThrowIfBroken();
            outage = _outage.Token;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, outage);
        await using var changes = inner.WatchAsync(prefix, afterRevision, linked.Token).GetAsyncEnumerator(linked.Token);
        while (true)
        {
            try
            {
                if (!await changes.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (OperationCanceledException) when (outage.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException("discovery store unreachable");
            }

            yield return changes.Current;
        }
    }

    private void ThrowIfBroken()
    {
        if (_broken)
        {
            throw new IOException("discovery store unreachable");
        }
    }
}
