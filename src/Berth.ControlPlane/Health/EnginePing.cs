using Berth.Core.Runtime;

namespace Berth.ControlPlane.Health;

/// <summary>One ping of an engine with a time limit: the heartbeat of its host.</summary>
internal static class EnginePing
{
    /// <summary>True when the engine answered its ping within <paramref name="limit"/> (or cannot be pinged at all).</summary>
    public static async Task<bool> AnswersAsync(IContainerRuntime runtime, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (runtime is not IEngineHeartbeat heartbeat)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            // The engine client does not give up a TCP connect on cancellation: to a host cut off from the network the
            // ping would wait out the kernel's connect timeout (~21 s) instead of the limit. The wait has its own limit.
            await heartbeat.PingAsync(timeout.Token).WaitAsync(limit, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
