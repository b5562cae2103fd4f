using Berth.Core.Hosts;
using Berth.Core.Instances;

namespace Berth.Core.State;

/// <summary>
/// Host ports of a managed range that something outside Berth holds. A blocked port is skipped by every reservation
/// and counted as used by the scheduler until its block ends or is lifted.
/// </summary>
public interface IBlockedPortStore
{
    /// <summary>Blocks the port until <see cref="BlockedPort.Until"/>, replacing an earlier block of it; throws <see cref="KeyNotFoundException"/> for an unknown host.</summary>
    Task BlockPortAsync(BlockedPort block, CancellationToken cancellationToken);

    /// <summary>Lifts the port's block; false when it was not blocked.</summary>
    Task<bool> UnblockPortAsync(string hostName, int port, CancellationToken cancellationToken);

    /// <summary>The ports of the host that this installation's instances and services hold (reserved, starting or running).</summary>
    Task<IReadOnlySet<int>> ListHeldPortsAsync(string hostName, CancellationToken cancellationToken);

    /// <summary>Every port blocked now, by host and port.</summary>
    Task<IReadOnlyList<BlockedPort>> ListBlockedPortsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gives the instance the lowest port of its host's range that no instance holds and no block covers, in place of
    /// the one it has, and forgets its container (which the caller removed): it is reserved again, ready to start.
    /// Throws <see cref="PortRangeExhaustedException"/> (nothing changes) or <see cref="KeyNotFoundException"/>.
    /// </summary>
    Task<Instance> MoveToFreePortAsync(string instanceId, CancellationToken cancellationToken);
}
