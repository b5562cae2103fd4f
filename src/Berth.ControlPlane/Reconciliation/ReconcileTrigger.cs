namespace Berth.ControlPlane.Reconciliation;

/// <summary>Lets any component ask for a reconcile pass now instead of at the next interval.</summary>
public sealed class ReconcileTrigger
{
    private TaskCompletionSource _requested = New();

    /// <summary>Asks for a pass as soon as the running one (if any) ends.</summary>
    public void Request() => Volatile.Read(ref _requested).TrySetResult();

    /// <summary>Waits for a request or the timeout, whichever comes first, and clears the request.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _requested).Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The interval passed without a request: a routine pass.
        }

        Interlocked.Exchange(ref _requested, New());
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
