using Berth.ControlPlane.Telemetry;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Events;

/// <summary>
/// Writes what happens to apps to the event store and wakes the API's waiting followers. Recording is a report,
/// not part of the work: a store failure is logged and never stops the healing that caused the event.
/// </summary>
public sealed partial class AppEventRecorder(IEventStore store, TimeProvider time, ILogger<AppEventRecorder> logger)
{
    private TaskCompletionSource _appended = NewSignal();

    /// <summary>Records an event about <paramref name="instance"/> (or the app when null).</summary>
    public async Task RecordAsync(
        string appId, AppEventType type, string message, Instance? instance = null, IReadOnlyList<string>? logs = null, string? hostName = null)
    {
        ControlPlaneMetrics.EventRecorded(type);
        try
        {
            await store.AppendEventAsync(new AppEvent
            {
                AppId = appId,
                Type = type,
                Message = message,
                InstanceId = instance?.Id,
                HostName = hostName ?? instance?.HostName,
                Logs = logs ?? [],
                Time = time.GetUtcNow(),
            }, CancellationToken.None);
            LogRecorded(logger, appId, type, message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotRecorded(logger, e, appId, type, message);
        }

        Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
    }

    /// <summary>Completes when this process records its next event, or after <paramref name="timeout"/>.</summary>
    public async Task WaitForNextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _appended).Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Nothing new here; the caller reads the store anyway, which also sees other control planes' events.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AppId}: {Type}: {Message}")]
    private static partial void LogRecorded(ILogger logger, string appId, AppEventType type, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {AppId}: {Type}: {Message}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string appId, AppEventType type, string message);
}
