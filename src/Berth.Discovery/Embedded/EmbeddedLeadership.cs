using Berth.Core.Discovery;

namespace Berth.Discovery.Embedded;

/// <summary>Leadership on the embedded store: held while the candidate's lease lives.</summary>
internal sealed class EmbeddedLeadership(string candidate, EmbeddedLease lease) : ILeadership
{
    public string Candidate => candidate;

    public CancellationToken Lost => lease.Lost;

    public ValueTask DisposeAsync() => lease.DisposeAsync();
}
