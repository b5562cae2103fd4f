using Berth.Core.Discovery;
using Berth.ZooKeeper.Tests;

namespace Berth.Discovery.ZooKeeper.Tests;

/// <summary>
/// A watch a test reads from with a deadline. Disposing cancels it first, so a read still waiting (the test failed
/// on a timeout) ends cleanly instead of hiding the failure behind the enumerator's refusal to be disposed mid-read.
/// </summary>
public sealed class WatchProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly IAsyncEnumerator<DiscoveryEvent> _events;
    private Task<bool>? _waiting;

    public WatchProbe(IDiscoveryStore store, string prefix, long afterRevision) =>
        _events = store.WatchAsync(prefix, afterRevision, _stop.Token).GetAsyncEnumerator(_stop.Token);

    /// <summary>The next <paramref name="count"/> events; fails the test when they take longer than <see cref="TestZooKeeper.Patience"/>.</summary>
    public async Task<List<DiscoveryEvent>> TakeAsync(int count)
    {
        var taken = new List<DiscoveryEvent>();
        while (taken.Count < count)
        {
            _waiting ??= _events.MoveNextAsync().AsTask();
            var moved = await _waiting.WaitAsync(TestZooKeeper.Patience, TestContext.Current.CancellationToken);
            _waiting = null;
            Assert.True(moved, "the watch ended");
            taken.Add(_events.Current);
        }

        return taken;
    }

    /// <summary>Reads the first event, to get the watch's error.</summary>
    public async Task FirstAsync() => await TakeAsync(1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_waiting is not null)
            {
                await _waiting;
            }
        }
        catch (Exception)
        {
            // Cancelled, or the failure the test already reported.
        }

        await _events.DisposeAsync();
        _stop.Dispose();
    }
}
