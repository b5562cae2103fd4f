namespace Berth.Gateway.Wake;

/// <summary>
/// The requests one gateway holds for one sleeping app, oldest first, and the revision of the failed wake already known
/// when the hold began (only a later failure ends it). Guarded by the lock of <see cref="WakeHolds"/>.
/// </summary>
internal sealed class AppHold(long failureSeen)
{
    /// <summary>The waiting requests in arrival order.</summary>
    public LinkedList<TaskCompletionSource<WakeOutcome>> Waiters { get; } = new();

    /// <summary>The revision of the sleeping mark's failure seen when the hold began (0 when none).</summary>
    public long FailureSeen { get; } = failureSeen;

    /// <summary>Completes every waiter, oldest first, and empties the hold.</summary>
    public void Release(WakeOutcome outcome)
    {
        foreach (var waiter in Waiters)
        {
            waiter.TrySetResult(outcome);
        }

        Waiters.Clear();
    }
}
