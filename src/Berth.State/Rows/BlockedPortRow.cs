using Berth.Core.Hosts;

namespace Berth.State.Rows;

/// <summary>A <c>blocked_ports</c> row.</summary>
internal sealed class BlockedPortRow
{
    public const string Columns = "host_name AS HostName, host_port AS HostPort, blocked_until AS BlockedUntil, reason AS Reason";

    public string HostName { get; set; } = "";
    public int HostPort { get; set; }
    public string BlockedUntil { get; set; } = "";
    public string Reason { get; set; } = "";

    public static BlockedPortRow From(BlockedPort block) => new()
    {
        HostName = block.HostName,
        HostPort = block.Port,
        BlockedUntil = StoredTime.ToText(block.Until),
        Reason = block.Reason,
    };

    public BlockedPort ToBlockedPort() => new(HostName, HostPort, StoredTime.Parse(BlockedUntil), Reason);
}
