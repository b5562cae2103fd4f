namespace Berth.State.Rows;

/// <summary>A <c>host_status</c> row: a host that is down, and since when.</summary>
internal sealed class HostStatusRow
{
    public string HostName { get; set; } = "";
    public string DownSince { get; set; } = "";
}
