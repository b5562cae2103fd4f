using Berth.Core.Discovery;

namespace Berth.Discovery;

/// <summary>Leadership held through a lease (or session): lost when it is lost; resigning releases it.</summary>
public sealed class LeaseLeadership(string candidate, CancellationToken lost, IAsyncDisposable lease) : ILeadership
{
    /// <inheritdoc />
    public string Candidate => candidate;

    /// <inheritdoc />
    public CancellationToken Lost => lost;

    /// <summary>Resigns: releasing the lease deletes the election key, which wakes the next candidate.</summary>
    public ValueTask DisposeAsync() => lease.DisposeAsync();
}
