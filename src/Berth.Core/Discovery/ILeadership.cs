namespace Berth.Core.Discovery;

/// <summary>Held leadership. Dispose to resign.</summary>
public interface ILeadership : IAsyncDisposable
{
    string Candidate { get; }

    /// <summary>Cancelled when leadership is lost (lease expired, session gone): stop leader-only work at once.</summary>
    CancellationToken Lost { get; }
}
