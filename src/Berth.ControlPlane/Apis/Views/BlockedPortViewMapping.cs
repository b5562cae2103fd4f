using Berth.Contracts;
using Berth.Core.Hosts;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a <see cref="BlockedPort"/> onto its view.</summary>
internal static class BlockedPortViewMapping
{
    extension(BlockedPortView)
    {
        public static BlockedPortView From(BlockedPort block) => new(block.Port, block.Until, block.Reason);
    }
}
