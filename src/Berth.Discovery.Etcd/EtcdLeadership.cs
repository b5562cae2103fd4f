using Berth.Core.Discovery;

namespace Berth.Discovery.Etcd;

/// <summary>Leadership on etcd: the election key, bound to the candidate's lease.</summary>
internal sealed class EtcdLeadership(string candidate, EtcdLease lease) : ILeadership
{
    public string Candidate => candidate;

    public CancellationToken Lost => lease.Lost;

    /// <summary>Resigns: revoking the lease deletes the election key, which wakes the next candidate.</summary>
    public ValueTask DisposeAsync() => lease.DisposeAsync();
}
