using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Berth.ZooKeeper.Watches;

/// <summary>
/// Runs watch callbacks and state-change handlers one at a time, in the order the events arrived, away from the receive
/// loop so a slow or blocking handler cannot stall the connection.
/// </summary>
internal sealed class EventDispatcher
{
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Task _loop;

    public EventDispatcher(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public void Post(Action action) => _queue.Writer.TryWrite(action);

    /// <summary>Runs what is queued, then stops.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        await foreach (var action in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                ZooKeeperLog.CallbackFailed(_logger, ex);
            }
        }
    }
}
