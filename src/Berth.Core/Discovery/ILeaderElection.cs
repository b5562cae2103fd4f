namespace Berth.Core.Discovery;

/// <summary>At most one leader per election, so that two control planes never both run background work.</summary>
public interface ILeaderElection
{
    /// <summary>
    /// Waits until <paramref name="candidate"/> leads <paramref name="election"/>. The leadership lasts while the
    /// candidate's lease (of <paramref name="ttl"/>) is kept alive; a dead leader is replaced within the TTL.
    /// </summary>
    Task<ILeadership> CampaignAsync(string election, string candidate, TimeSpan ttl, CancellationToken cancellationToken);
}
