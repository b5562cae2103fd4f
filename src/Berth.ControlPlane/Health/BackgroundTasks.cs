using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Health;

/// <summary>Work a loop starts without waiting for it: failures are logged, and the loop waits for all of it when it stops.</summary>
internal sealed partial class BackgroundTasks(ILogger logger)
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public void Run(string what, Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            catch (Exception e)
            {
                LogFailed(logger, e, what);
            }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    public Task DrainAsync() => Task.WhenAll(_running.Keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
