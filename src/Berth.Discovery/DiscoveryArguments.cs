using Berth.Core.Discovery;

namespace Berth.Discovery;

/// <summary>Argument checks every backend makes the same way.</summary>
public static class DiscoveryArguments
{
    /// <summary>Checks the arguments of <see cref="IDiscoveryLeases.PutEphemeralAsync"/>.</summary>
    public static void CheckEphemeral(string key, string value, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
    }

    /// <summary>Checks the arguments of <see cref="ILeaderElection.CampaignAsync"/>; returns the election's key.</summary>
    public static string ElectionKey(string election, string candidate, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(election);
        ArgumentException.ThrowIfNullOrEmpty(candidate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        return DiscoveryKeys.Election(election);
    }
}
